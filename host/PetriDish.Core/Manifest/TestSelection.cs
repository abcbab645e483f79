namespace PetriDish.Core.Manifest;

/// <summary>The test sample of a predictor study (<c>compare.test</c>).</summary>
public sealed class TestSelection
{
    /// <summary>How many motifs to rank, drawn once with the manifest seed; null for the default (1,000, or half of the observations if fewer).</summary>
    public int? Count { get; init; }
}
