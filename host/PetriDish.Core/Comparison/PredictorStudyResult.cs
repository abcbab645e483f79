using PetriDish.Abstractions;

namespace PetriDish.Core.Comparison;

/// <summary>A finished predictor study: every fit's figures, and the test motifs they ranked (when known).</summary>
internal sealed record PredictorStudyResult(GroundTruthMetric Metric, int TestCount, IReadOnlyList<int> Counts, int Seeds, IReadOnlyList<PredictorStudyCell> Cells, IReadOnlyList<ObservationRow>? Test = null)
{
    /// <summary>The surrogates' names, in the order they ran.</summary>
    public IReadOnlyList<string> Surrogates => [.. Cells.Select(c => c.Surrogate).Distinct()];

    /// <summary>A figure of <paramref name="surrogate"/> at <paramref name="count"/> over the seeds.</summary>
    public Statistic Stat(string surrogate, int count, Func<SeedMetrics, double?> figure) =>
        Statistic.Of(Cells.Where(c => c.Surrogate == surrogate && c.TrainCount == count).Select(c => figure(c.Metrics) ?? double.NaN));
}
