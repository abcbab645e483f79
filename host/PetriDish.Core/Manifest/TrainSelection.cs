namespace PetriDish.Core.Manifest;

/// <summary>Which observations are training rows when the CSV has no split column.</summary>
public sealed class TrainSelection
{
    /// <summary>For a one-parameter family: only motifs with a position in [min, max] are eligible.</summary>
    public IReadOnlyList<double>? Range { get; init; }

    /// <summary>How many eligible motifs to train on (drawn with the manifest seed); all when null.</summary>
    public int? Count { get; init; }

    /// <summary>Alternatively, the fraction of eligible motifs to train on.</summary>
    public double? Fraction { get; init; }

    /// <summary>A predictor study's training sizes (see <c>PredictorStudy</c>); null for one split.</summary>
    public IReadOnlyList<int>? Counts { get; init; }
}
