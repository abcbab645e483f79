using System.Globalization;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Sdk;

namespace PetriDish.Core.Comparison;

/// <summary>
/// A predictor study as the NAS predictor papers run it (<c>compare.train.counts</c>): a fixed test
/// sample, drawn once; for each seed one random order of the other motifs, and every surrogate fitted
/// on the first n of them for each training size n (so a seed's larger training sets contain its
/// smaller ones) and scored on the test sample.
/// </summary>
internal static class PredictorStudy
{
    /// <summary>The test sample's size when <c>compare.test.count</c> is not set.</summary>
    public const int DefaultTestCount = 1000;

    /// <summary>Draws the test sample and checks the sizes; throws <see cref="InvalidInputException"/> naming what does not fit.</summary>
    public static PredictorStudyPlan Plan(ValidatedManifest manifest, string? observationsFile = null, int? seeds = null, IReadOnlyList<string>? surrogateNames = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var settings = manifest.Manifest.Compare;
        var counts = settings.Train.Counts is { Count: > 0 } listed ? listed.Order().ToList() : throw new InvalidInputException("compare.train.counts lists no training sizes");
        if (settings.Train.Count is not null || settings.Train.Fraction is not null || settings.Train.Range is not null)
        {
            throw new InvalidInputException("compare.train.counts (a predictor study) cannot be combined with compare.train.count, fraction or range");
        }

        var (rows, csv) = ComparisonPlan.ReadObservations(manifest, observationsFile);
        if (rows.Any(r => r.Split is not null))
        {
            throw new InvalidInputException($"{csv}: a predictor study draws its own training and test motifs; the observations' split column would be ignored, so remove it or leave out compare.train.counts");
        }

        var testCount = settings.Test.Count ?? Math.Min(DefaultTestCount, rows.Count / 2);
        if (testCount + counts[^1] > rows.Count)
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture,
                $"{rows.Count} observations cannot hold a test sample of {testCount} and a training set of {counts[^1]} apart from it (compare.test.count, compare.train.counts)"));
        }

        var random = new DeterministicRandom(Seeds.Derive(manifest.Manifest.Seed, "study-test"));
        var test = rows.OrderBy(_ => random.NextDouble()).Take(testCount).OrderBy(r => r.Line).ToList();
        var inTest = test.ToHashSet();
        return new PredictorStudyPlan(rows, test, [.. rows.Where(r => !inTest.Contains(r))], counts,
            ComparisonPlan.SelectSurrogates(manifest, surrogateNames), ComparisonPlan.SeedCount(manifest, seeds), csv);
    }

    public static async Task<PredictorStudyResult> RunAsync(ValidatedManifest manifest, PredictorStudyPlan plan, IProgressSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(sink);
        var total = plan.Surrogates.Count * plan.Seeds * plan.Counts.Count;
        var done = 0;
        var cells = new List<PredictorStudyCell>();
        foreach (var bound in plan.Surrogates)
        {
            for (var s = 0; s < plan.Seeds; s++)
            {
                var random = new DeterministicRandom(Seeds.Derive(manifest.Manifest.Seed, "study-train", s));
                var order = plan.Pool.OrderBy(_ => random.NextDouble()).ToList();
                foreach (var count in plan.Counts)
                {
                    var split = new DataSplit([.. order.Take(count)], plan.Test, string.Create(CultureInfo.InvariantCulture, $"the first {count} of seed {s + 1}'s order"));
                    var run = new FitRun(bound, s, string.Create(CultureInfo.InvariantCulture, $"n = {count}, seed {s + 1}/{plan.Seeds}"), (double)done / total, 1.0 / total);
                    var (metrics, _) = await SurrogateComparison.FitAndMeasureAsync(manifest, run, split, null, sink, null, cancellationToken).ConfigureAwait(false);
                    cells.Add(new PredictorStudyCell(bound.Name, bound.Entry.Id, count, metrics));
                    done++;
                }
            }
        }

        return new PredictorStudyResult(manifest.SearchSpaceInstance.GroundTruth.Metric, plan.Test.Count, plan.Counts, plan.Seeds, cells, plan.Test);
    }
}
