namespace PetriDish.Plugins.Optimizer.RandomSearch;

/// <summary>Random search has nothing to set: the manifest's seed drives it.</summary>
public sealed class RandomSearchSettings
{
}
