using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using PetriDish.Abstractions;
using PetriDish.Core.Comparison;
using PetriDish.Core.Reports;
using PetriDish.Core.Store;

namespace PetriDish.Core.Search;

/// <summary>
/// Puts several runs side by side (e.g. methods × seeds under the same budget): best value found
/// against ground-truth evaluations spent, per method as mean ± standard deviation over its runs;
/// and the mean value of what each method chose to evaluate after the warm-up, which tells methods
/// apart even when none of them beats the best warm-up motif.
/// </summary>
internal static class RunSummary
{
    /// <summary>
    /// One run: its method label (the manifest name), seed, best-so-far curve, the mean value of its
    /// completed full-fidelity evaluations after the warm-up (NaN when it made none), and, when its
    /// manifest names a <c>search.reference</c>, the true rank of its final pick among the reference's motifs.
    /// </summary>
    public sealed record RunCurve(string Method, int Seed, string Folder, IReadOnlyList<double> Best, string? BestMotif, double? BestValue, double SearchMean, int? ReferenceRank = null, int? ReferenceSize = null);

    // Long motif keys (recurrent-cell graphs) would make the table unreadable; summary.json has them all.
    private const int ShownKeyLength = 48;

    public static RunCurve Read(string folder, GroundTruthMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var run = RunFolder.Existing(folder);
        using var store = ResultsStore.OpenReadOnly(run.Database);
        var manifest = Newtonsoft.Json.Linq.JObject.Parse(store.GetMeta("manifest") ?? "{}");
        var full = store.Evaluations(fidelity: Fidelity.Full.ToString()).ToList();
        var (_, best) = RunReport.BestSoFar(full, metric);
        var completed = full.Where(r => r.Status == EvaluationStatus.Completed).ToList();
        var top = completed.MaxBy(r => metric.ToScore(r.Value!.Value));
        var searched = completed.Where(r => r.Purpose == SearchLoop.SearchPurpose).Select(r => r.Value!.Value).ToList();
        var finished = Path.Combine(run.Path, "best.json");
        var outcome = File.Exists(finished) ? Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(finished)) : null;
        return new RunCurve(
            (string?)manifest["name"] ?? Path.GetFileName(run.Path), (int?)manifest["seed"] ?? 0, run.Path, best, top?.Motif, top?.Value,
            searched.Count == 0 ? double.NaN : searched.Average(), (int?)outcome?["reference_rank"], (int?)outcome?["reference_size"]);
    }

    /// <summary>Writes summary.md, summary.csv (best so far per evaluation), runs.csv (each run's final pick), summary.json and summary.png; returns the table.</summary>
    /// <param name="runs">The runs, grouped into methods by their manifest names.</param>
    /// <param name="metric">The ground truth's metric.</param>
    /// <param name="directory">Where to write.</param>
    /// <param name="title">Title of the table and plot.</param>
    /// <param name="plotFrom">The first evaluation the plot shows (e.g. the end of a warm-up every method shares), so that the differences after it are not squeezed flat.</param>
    public static string Write(IReadOnlyList<RunCurve> runs, GroundTruthMetric metric, string directory, string title, int plotFrom = 1)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(metric);
        Directory.CreateDirectory(directory);
        // Methods in the order given, their runs by seed (folder names sort seed 10 before seed 2).
        var order = runs.Select(r => r.Method).Distinct().ToList();
        var methods = runs.OrderBy(r => order.IndexOf(r.Method)).ThenBy(r => r.Seed).GroupBy(r => r.Method).ToList();
        var checkpoints = runs.Max(r => r.Best.Count);
        var ranked = runs.Any(r => r.ReferenceRank is not null);
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"| method | runs | evaluations | best {metric.Name} (mean ± std) | mean {metric.Name} of the evaluations after warm-up |{(ranked ? " final pick's true rank (median; per seed) |" : "")} per seed |\n|---|---:|---:|---:|---:|{(ranked ? "---|" : "")}---|\n");
        var csv = new StringBuilder("method,seed,evaluations,best\n");
        var finalsCsv = new StringBuilder("method,seed,best,reference_rank,reference_size,search_mean,best_motif\n");
        var series = new List<ChartSeries>();
        foreach (var method in methods)
        {
            var finals = method.Select(r => r.Best.Count == 0 ? double.NaN : r.Best[^1]).ToList();
            var statistic = Statistic.Of(finals);
            var searched = Statistic.Of(method.Select(r => r.SearchMean));
            var perSeed = string.Join(", ", method.Select(r => string.Create(CultureInfo.InvariantCulture,
                $"seed {r.Seed}: {r.BestValue:F4}{(r.BestMotif is { Length: <= ShownKeyLength } key ? $" ({key})" : "")}")));
            var ranks = "";
            if (ranked)
            {
                var known = method.Where(r => r.ReferenceRank is not null).Select(r => (double)r.ReferenceRank!.Value).Order().ToList();
                var median = known.Count == 0 ? double.NaN : (known[(known.Count - 1) / 2] + known[known.Count / 2]) / 2;
                ranks = string.Create(CultureInfo.InvariantCulture, $" {median:0.#} of {method.Max(r => r.ReferenceSize)}; {string.Join(", ", method.Select(r => r.ReferenceRank?.ToString(CultureInfo.InvariantCulture) ?? "–"))} |");
            }

            table.Append(CultureInfo.InvariantCulture, $"| {method.Key} | {method.Count()} | {method.Max(r => r.Best.Count)} | {statistic.Mean:F4} ± {statistic.Std:F4} | {searched.Mean:F4} ± {searched.Std:F4} |{ranks} {perSeed} |\n");
            foreach (var run in method)
            {
                finalsCsv.Append(CultureInfo.InvariantCulture, $"{method.Key},{run.Seed},{run.BestValue?.ToString("R", CultureInfo.InvariantCulture)},{run.ReferenceRank},{run.ReferenceSize},{run.SearchMean.ToString("R", CultureInfo.InvariantCulture)},\"{run.BestMotif}\"\n");
                for (var i = 0; i < run.Best.Count; i++)
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{method.Key},{run.Seed},{i + 1},{run.Best[i].ToString("R", CultureInfo.InvariantCulture)}\n");
                }
            }

            var x = new List<double>();
            var mean = new List<double>();
            var std = new List<double>();
            for (var n = Math.Max(1, plotFrom); n <= checkpoints; n++)
            {
                // A run that stopped early keeps its last best value.
                var values = method.Where(r => r.Best.Count > 0).Select(r => r.Best[Math.Min(n, r.Best.Count) - 1]).ToList();
                if (values.Count == 0)
                {
                    continue;
                }

                var at = Statistic.Of(values);
                x.Add(n);
                mean.Add(at.Mean);
                std.Add(at.Std);
            }

            series.Add(new ChartSeries($"{method.Key} ({method.Count()} runs)", x, mean, Band: std));
        }

        File.WriteAllText(Path.Combine(directory, "summary.md"), $"# {title}\n\n{table}\nMean ± standard deviation (population, over the runs) of the best {metric.Name} found; the band in summary.png is ± one such standard deviation.\n\n![best value against evaluations](summary.png)\n");
        File.WriteAllText(Path.Combine(directory, "summary.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(directory, "runs.csv"), finalsCsv.ToString());
        File.WriteAllText(Path.Combine(directory, "summary.json"), JsonConvert.SerializeObject(runs, Formatting.Indented));
        Charts.Save(Path.Combine(directory, "summary.png"), title, "ground-truth evaluations spent", $"best {metric.Name} found", series, legend: Charts.BestSoFarLegend(metric.Goal));
        return table.ToString();
    }
}
