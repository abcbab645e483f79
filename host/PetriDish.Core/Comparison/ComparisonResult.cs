using PetriDish.Abstractions;

namespace PetriDish.Core.Comparison;

/// <summary>A finished comparison: the data, the split (for a cross-validation: all observations, with <see cref="Folds"/>) and every surrogate's figures.</summary>
public sealed record ComparisonResult(
    GroundTruthMetric Metric,
    IReadOnlyList<ObservationRow> Rows,
    DataSplit Split,
    int K,
    IReadOnlyList<SurrogateSummary> Surrogates,
    IMotifAxis? Axis)
{
    /// <summary>For a cross-validation, its folds (each surrogate's seed list then holds one entry per fold, and its curve the out-of-fold predictions); otherwise null.</summary>
    public IReadOnlyList<DataSplit>? Folds { get; init; }
}
