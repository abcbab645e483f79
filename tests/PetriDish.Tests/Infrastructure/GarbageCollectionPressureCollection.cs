namespace PetriDish.Tests.Infrastructure;

/// <summary>Tests under <see cref="GarbageCollectionPressure"/> run alone: the pressure would slow every other test down.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class GarbageCollectionPressureCollection
{
    public const string Name = "garbage collection pressure";
}
