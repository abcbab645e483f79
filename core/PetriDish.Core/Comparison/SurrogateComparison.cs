using System.Diagnostics;
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
public static class SurrogateComparison
{
    public static async Task<ComparisonResult> RunAsync(ValidatedManifest manifest, IReadOnlyList<BoundPlugin> surrogates, IReadOnlyList<ObservationRow> rows, DataSplit split, int seeds, IProgressSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(surrogates);
        ArgumentNullException.ThrowIfNull(sink);
        var space = manifest.SearchSpaceInstance;
        var metric = space.GroundTruth.Metric;
        var train = split.Train.Select(r => new Observation(r.Motif, metric.ToScore(r.Value))).ToList();
        var testMotifs = split.Test.Select(r => r.Motif).ToList();
        var testTruth = split.Test.Select(r => metric.ToScore(r.Value)).ToArray();
        var k = RankMetrics.DefaultK(testMotifs.Count);
        var (below, above) = OutsideTrainingRange(space.Axis, split);
        var summaries = new List<SurrogateSummary>();
        var total = surrogates.Count * seeds;
        var done = 0;
        foreach (var bound in surrogates)
        {
            var perSeed = new List<SeedMetrics>();
            IReadOnlyList<double> curve = [];
            for (var s = 0; s < seeds; s++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var surrogate = ((ISurrogatePlugin)bound.Entry).Create(bound.Settings, space, manifest.Context with { Seed = Seeds.Derive(manifest.Manifest.Seed, "compare", s) });
                try
                {
                    var start = done;
                    var progress = new Progress<ProgressUpdate>(p => sink.Update((start + p.Fraction) / total, $"{bound.Name} seed {s + 1}/{seeds}: {p.Message}"));
                    sink.Update((double)done / total, $"{bound.Name} seed {s + 1}/{seeds}: fitting");
                    var clock = Stopwatch.StartNew();
                    var report = await Task.Run(() => surrogate.Fit(train, progress, cancellationToken), cancellationToken).ConfigureAwait(false);
                    var fitSeconds = clock.Elapsed.TotalSeconds;
                    clock.Restart();
                    var predicted = surrogate.Predict(testMotifs, cancellationToken).ToArray();
                    var predictSeconds = clock.Elapsed.TotalSeconds;
                    if (s == 0)
                    {
                        curve = surrogate.Predict([.. rows.Select(r => r.Motif)], cancellationToken);
                    }

                    var metrics = Measure(s, testMotifs, testTruth, predicted, k, metric, below, above) with
                    {
                        FitSeconds = fitSeconds,
                        PredictSeconds = predictSeconds,
                        Warnings = report.Warnings,
                    };
                    perSeed.Add(metrics);
                    foreach (var warning in report.Warnings)
                    {
                        sink.Line($"{bound.Name} seed {s + 1}: warning: {warning}");
                    }

                    sink.Line($"{bound.Name} seed {s + 1}/{seeds}: τ {metrics.KendallTau:F3}, top-1 {metrics.Top1Motif} (true rank {metrics.Top1TrueRank}), fit {fitSeconds:F1} s");
                }
                finally
                {
                    surrogate?.Dispose();
                }

                done++;
            }

            summaries.Add(new SurrogateSummary(bound.Name, bound.Entry.Id, perSeed, curve));
        }

        return new ComparisonResult(metric, rows, split, k, summaries, space.Axis);
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
