using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using PetriDish.Abstractions;
using PetriDish.Core.Search;
using PetriDish.Core.Store;

namespace PetriDish.Core.Benchmarking;

/// <summary>Every search of a finished benchmark, with the known optimum they are measured against.</summary>
internal sealed class BenchmarkResults
{
    public required GroundTruthMetric Metric { get; init; }

    /// <summary>The known ground truth's values, best first (a table's, or <c>search.reference</c>); empty without one.</summary>
    public required IReadOnlyList<double> Known { get; init; }

    public required IReadOnlyList<BenchmarkSearch> Searches { get; init; }

    /// <summary>The best known value; null without a known ground truth (no regret then).</summary>
    public double? Optimum => Known.Count > 0 ? Known[0] : null;

    /// <summary>Reads every search of <paramref name="plan"/> from <paramref name="folder"/>.</summary>
    public static BenchmarkResults Read(BenchmarkPlan plan, BenchmarkFolder folder)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        var metric = plan.Manifest.SearchSpaceInstance.GroundTruth.Metric;
        var known = RunReport.Reference(plan.Manifest)?.Select(r => r.Value).OrderByDescending(metric.ToScore).ToList() ?? [];
        double? optimum = known.Count > 0 ? known[0] : null;
        var searches = plan.Searches.Select(s => ReadSearch(s.Arm.Name, s.Seed, folder.RunFolder(s.Arm.Name, s.Seed), metric, optimum)).ToList();
        return new BenchmarkResults { Metric = metric, Known = known, Searches = searches };
    }

    private static BenchmarkSearch ReadSearch(string arm, int seed, string runFolder, GroundTruthMetric metric, double? optimum)
    {
        using var store = ResultsStore.OpenReadOnly(Search.RunFolder.DatabaseIn(runFolder));
        var all = store.Evaluations().ToList();
        var full = all.Where(r => r.Fidelity == Fidelity.Full.ToString()).OrderBy(r => r.Iteration).ThenBy(r => r.Id).ToList();
        var loops = new SortedDictionary<int, LoopState>();
        for (var i = 0; store.Checkpoint("loop", i) is { } state; i++)
        {
            loops[i] = JsonConvert.DeserializeObject<LoopState>(Encoding.UTF8.GetString(state))!;
        }

        // Attempts of one motif (a retried failure) are one evaluation spent, as in the run's own report.
        var spent = full.GroupBy(r => r.Motif).Select(g => g.OrderByDescending(r => r.Status == EvaluationStatus.Completed).ThenBy(r => r.Id).First()).OrderBy(r => r.Iteration).ThenBy(r => r.Id).ToList();
        var perIteration = spent.GroupBy(r => r.Iteration ?? 0).ToDictionary(g => g.Key, g => g.Count());
        double SurrogateShare(int iteration) =>
            loops.TryGetValue(iteration, out var now) && perIteration.TryGetValue(iteration, out var count)
                ? (now.SurrogateSeconds - (loops.TryGetValue(iteration - 1, out var before) ? before.SurrogateSeconds : 0)) / count
                : 0;

        var rows = new List<BenchmarkEvaluation>();
        double? best = null;
        foreach (var record in spent)
        {
            if (record.Status == EvaluationStatus.Completed && (best is null || metric.ToScore(record.Value!.Value) > metric.ToScore(best.Value)))
            {
                best = record.Value;
            }

            double? regret = best is { } b && optimum is { } o ? Math.Max(0, metric.ToScore(o) - metric.ToScore(b)) : null;
            var iteration = record.Iteration ?? 0;
            rows.Add(new BenchmarkEvaluation(rows.Count + 1, iteration, record.Motif, record.Status == EvaluationStatus.Completed ? record.Value : null, best, regret, record.Seconds, SurrogateShare(iteration)));
        }

        var last = loops.Count > 0 ? loops.Values.Last() : null;
        var lowFidelity = all.Where(r => r.Fidelity != Fidelity.Full.ToString()).Select(r => (r.Motif, r.Fidelity)).Distinct().Count();
        return new BenchmarkSearch(arm, seed, rows, lowFidelity, last?.ElapsedSeconds ?? 0, last?.SurrogateSeconds ?? 0);
    }

    /// <summary>Writes <c>evaluations.csv</c>: one row per evaluation of every search.</summary>
    public void WriteCsv(string path)
    {
        var csv = new StringBuilder("arm,seed,evaluation,iteration,motif,value,best_so_far,regret,seconds,surrogate_seconds\n");
        static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? "";
        foreach (var search in Searches)
        {
            foreach (var e in search.Evaluations)
            {
                csv.Append(CultureInfo.InvariantCulture, $"{search.Arm},{search.Seed},{e.Number},{e.Iteration},\"{e.Motif.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{Number(e.Value)},{Number(e.BestSoFar)},{Number(e.Regret)},{Number(e.Seconds)},{Number(e.SurrogateSeconds)}\n");
            }
        }

        File.WriteAllText(path, csv.ToString());
    }
}
