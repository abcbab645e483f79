namespace PetriDish.Core.Manifest;

/// <summary>The manifest's <c>benchmark</c> section: search methods (arms) compared over seeds.</summary>
public sealed class BenchmarkOptions
{
    /// <summary>Seeds per arm: 1 … <see cref="Seeds"/>.</summary>
    public int Seeds { get; init; } = 10;

    /// <summary>The arm the others are tested against; null: the first.</summary>
    public string? Reference { get; init; }

    public IReadOnlyList<BenchmarkArm> Arms { get; init; } = [];
}
