using System.Globalization;
using PetriDish.Core.Plugins;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Sdk;

namespace PetriDish.Core.Comparison;

/// <summary>
/// k-fold cross-validation of surrogates: the observations are shuffled (with the manifest's seed)
/// into k folds of nearly equal size; each surrogate is fitted k times, on all folds but one, and ranks
/// the fold left out. The figures are per fold; the curve for plots is each observation's out-of-fold
/// prediction (by the fit that did not see it).
/// </summary>
internal static class CrossValidation
{
    /// <summary>The k train/test splits, fold f testing every k-th observation of the shuffled order from f.</summary>
    public static IReadOnlyList<DataSplit> Folds(IReadOnlyList<ObservationRow> rows, int folds, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (folds < 2)
        {
            throw new InvalidInputException($"--folds must be at least 2, got {folds}");
        }

        if (rows.Count < 3 * folds)
        {
            throw new InvalidInputException($"{folds}-fold cross-validation needs at least {3 * folds} observations (2 to rank in each fold and 3 to fit on), got {rows.Count}");
        }

        var random = new DeterministicRandom(Seeds.Derive(seed, "compare-folds"));
        var shuffled = rows.OrderBy(_ => random.NextDouble()).ToList();
        return [.. Enumerable.Range(0, folds).Select(f =>
        {
            var test = shuffled.Where((_, i) => i % folds == f).ToHashSet();
            return new DataSplit([.. rows.Where(r => !test.Contains(r))], [.. rows.Where(test.Contains)], string.Create(CultureInfo.InvariantCulture, $"fold {f + 1} of {folds}"));
        })];
    }

    /// <summary>Fits and measures every surrogate on every fold (see the class remarks).</summary>
    public static async Task<ComparisonResult> RunAsync(ValidatedManifest manifest, IReadOnlyList<BoundPlugin> surrogates, IReadOnlyList<ObservationRow> rows, int folds, IProgressSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(surrogates);
        ArgumentNullException.ThrowIfNull(sink);
        var splits = Folds(rows, folds, manifest.Manifest.Seed);
        var index = rows.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
        var summaries = new List<SurrogateSummary>();
        var total = surrogates.Count * folds;
        var done = 0;
        foreach (var bound in surrogates)
        {
            var perFold = new List<SeedMetrics>();
            var outOfFold = new double[rows.Count];
            for (var f = 0; f < folds; f++)
            {
                var run = new FitRun(bound, f, $"fold {f + 1}/{folds}", (double)done / total, 1.0 / total);
                var split = splits[f];
                var (metrics, scores) = await SurrogateComparison.FitAndMeasureAsync(manifest, run, split, split.Test, sink, null, cancellationToken).ConfigureAwait(false);
                perFold.Add(metrics);
                for (var i = 0; i < split.Test.Count; i++)
                {
                    outOfFold[index[split.Test[i]]] = scores![i];
                }

                done++;
            }

            summaries.Add(new SurrogateSummary(bound.Name, bound.Entry.Id, perFold, outOfFold));
        }

        var whole = new DataSplit(rows, rows, string.Create(CultureInfo.InvariantCulture, $"{folds}-fold cross-validation over {rows.Count} observations"));
        return new ComparisonResult(manifest.SearchSpaceInstance.GroundTruth.Metric, rows, whole, RankMetrics.DefaultK(splits[0].Test.Count), summaries, manifest.SearchSpaceInstance.Axis)
        {
            Folds = splits,
        };
    }
}
