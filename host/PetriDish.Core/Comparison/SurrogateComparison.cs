using System.Diagnostics;
using PetriDish.Core.Plugins;
using PetriDish.Abstractions;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Sdk;

namespace PetriDish.Core.Comparison;

/// <summary>
/// Fits every surrogate of a manifest on the training observations (once per seed), predicts the test
/// observations and measures the ranking: Kendall τ-b, Spearman ρ, precision@k, the predicted best
/// and its regret, time; for one-parameter families also τ below and above the training range.
/// </summary>
internal static class SurrogateComparison
{
    public static async Task<ComparisonResult> RunAsync(ValidatedManifest manifest, IReadOnlyList<BoundPlugin> surrogates, IReadOnlyList<ObservationRow> rows, DataSplit split, int seeds, IProgressSink sink, CancellationToken cancellationToken, FitTraceWriter? trace = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(surrogates);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(sink);
        var summaries = new List<SurrogateSummary>();
        var total = surrogates.Count * seeds;
        var done = 0;
        foreach (var bound in surrogates)
        {
            var perSeed = new List<SeedMetrics>();
            IReadOnlyList<double> curve = [];
            for (var s = 0; s < seeds; s++)
            {
                var run = new FitRun(bound, s, $"seed {s + 1}/{seeds}", (double)done / total, 1.0 / total);
                var (metrics, scores) = await FitAndMeasureAsync(manifest, run, split, s == 0 ? rows : null, sink, trace, cancellationToken).ConfigureAwait(false);
                perSeed.Add(metrics);
                curve = scores ?? curve;
                done++;
            }

            summaries.Add(new SurrogateSummary(bound.Name, bound.Entry.Id, perSeed, curve));
        }

        return new ComparisonResult(manifest.SearchSpaceInstance.GroundTruth.Metric, rows, split, RankMetrics.DefaultK(split.Test.Count), summaries, manifest.SearchSpaceInstance.Axis);
    }

    /// <summary>
    /// Fits one surrogate (seeded by <see cref="FitRun.Index"/>) on <paramref name="split"/>'s training
    /// rows and measures its ranking of the test rows; also scores <paramref name="curveRows"/> when given.
    /// </summary>
    internal static async Task<(SeedMetrics Metrics, IReadOnlyList<double>? Curve)> FitAndMeasureAsync(ValidatedManifest manifest, FitRun run, DataSplit split, IReadOnlyList<ObservationRow>? curveRows, IProgressSink sink, FitTraceWriter? trace, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var space = manifest.SearchSpaceInstance;
        var metric = space.GroundTruth.Metric;
        var train = split.Train.Select(r => new Observation(r.Motif, metric.ToScore(r.Value))).ToList();
        var testMotifs = split.Test.Select(r => r.Motif).ToList();
        var testTruth = split.Test.Select(r => metric.ToScore(r.Value)).ToArray();
        var (below, above) = OutsideTrainingRange(space.Axis, split);
        var bound = run.Surrogate;
        var surrogate = manifest.Components.CreateSurrogate(bound, space, manifest.Context with { Seed = Seeds.Derive(manifest.Manifest.Seed, "compare", run.Index) });
        try
        {
            var progress = new InlineProgress<ProgressUpdate>(p => sink.Update(run.Start + (run.Share * p.Fraction), $"{bound.Name} {run.Label}: {p.Message}"));
            sink.Update(run.Start, $"{bound.Name} {run.Label}: fitting");
            var clock = Stopwatch.StartNew();
            var report = await Task.Run(() => trace is not null && surrogate is IFitTracing tracing
                ? tracing.Fit(train, trace.For(bound.Name, run.Index), progress, cancellationToken)
                : surrogate.Fit(train, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
            var fitSeconds = clock.Elapsed.TotalSeconds;
            clock.Restart();
            var predicted = surrogate.Predict(testMotifs, cancellationToken).ToArray();
            var predictSeconds = clock.Elapsed.TotalSeconds;
            var curve = curveRows is null ? null : surrogate.Predict([.. curveRows.Select(r => r.Motif)], cancellationToken);
            var metrics = Measure(run.Index, testMotifs, testTruth, predicted, RankMetrics.DefaultK(testMotifs.Count), metric, below, above) with
            {
                FitSeconds = fitSeconds,
                PredictSeconds = predictSeconds,
                Warnings = report.Warnings,
                Diagnostics = report.Diagnostics,
                FitSummary = report.Summary,
                Notes = report.Notes,
                TestScores = predicted,
            };
            foreach (var warning in report.Warnings)
            {
                sink.Line($"{bound.Name} {run.Label}: warning: {warning}");
            }

            sink.Line($"{bound.Name} {run.Label}: τ {metrics.KendallTau:F3}, top-1 {metrics.Top1Motif} (true rank {metrics.Top1TrueRank}), fit {fitSeconds:F1} s{(report.Summary is { } summary ? $"; {summary}" : "")}{ComputePaths(report.Diagnostics)}");
            return (metrics, curve);
        }
        finally
        {
            surrogate?.Dispose();
        }
    }

    /// <summary>
    /// The compute paths a fit's diagnostics name (<c>compute_path_*</c> = 1, as the Petri dish records
    /// them), so that a plugin author sees whether the dish used their block kernel.
    /// </summary>
    private static string ComputePaths(IReadOnlyDictionary<string, double> diagnostics)
    {
        const string Prefix = "compute_path_";
        var paths = diagnostics.Where(d => d.Key.StartsWith(Prefix, StringComparison.Ordinal) && d.Value > 0).Select(d => d.Key[Prefix.Length..].Replace('_', ' ')).Order(StringComparer.Ordinal).ToList();
        return paths.Count == 0 ? "" : $"; compute path: {string.Join(", ", paths)}";
    }

    /// <summary>Figures for one prediction of the test set (scores: higher is better).</summary>
    public static SeedMetrics Measure(int seed, IReadOnlyList<IMotif> motifs, double[] truth, double[] predicted, int k, GroundTruthMetric metric, int[] below, int[] above)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var pick = RankMetrics.TopIndices(predicted, 1).First();
        var trueRank = 1 + truth.Count(t => t > truth[pick]);
        return new SeedMetrics
        {
            Seed = seed,
            KendallTau = RankMetrics.KendallTauB(truth, predicted),
            Spearman = RankMetrics.Spearman(truth, predicted),
            PrecisionAtK = RankMetrics.PrecisionAtK(truth, predicted, k),
            Top1Motif = motifs[pick].Key,
            Top1Value = metric.FromScore(truth[pick]),
            Top1Regret = truth.Max() - truth[pick],
            Top1TrueRank = trueRank,
            FitSeconds = 0,
            PredictSeconds = 0,
            KendallTauBelow = below.Length >= 2 ? RankMetrics.KendallTauB([.. below.Select(i => truth[i])], [.. below.Select(i => predicted[i])]) : null,
            KendallTauAbove = above.Length >= 2 ? RankMetrics.KendallTauB([.. above.Select(i => truth[i])], [.. above.Select(i => predicted[i])]) : null,
        };
    }

    /// <summary>Indices (into the test rows) of motifs left and right of the training motifs on the axis.</summary>
    public static (int[] Below, int[] Above) OutsideTrainingRange(IMotifAxis? axis, DataSplit split)
    {
        ArgumentNullException.ThrowIfNull(split);
        if (axis is null)
        {
            return ([], []);
        }

        var low = split.Train.Min(r => axis.PositionOf(r.Motif));
        var high = split.Train.Max(r => axis.PositionOf(r.Motif));
        var positions = split.Test.Select(r => axis.PositionOf(r.Motif)).ToArray();
        return ([.. Enumerable.Range(0, positions.Length).Where(i => positions[i] < low)], [.. Enumerable.Range(0, positions.Length).Where(i => positions[i] > high)]);
    }
}
