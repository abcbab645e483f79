using PetriDish.Abstractions;

namespace PetriDish.Core.Comparison;

/// <summary>A finished comparison: the data, the split and every surrogate's figures.</summary>
public sealed record ComparisonResult(
    GroundTruthMetric Metric,
    IReadOnlyList<ObservationRow> Rows,
    DataSplit Split,
    int K,
    IReadOnlyList<SurrogateSummary> Surrogates,
    IMotifAxis? Axis);
