using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;
using PetriDish.Core.Reports;

namespace PetriDish.Core.Benchmarking;

/// <summary>
/// A finished benchmark's outputs: <c>evaluations.csv</c>, <c>benchmark.json</c>, <c>benchmark.png</c> and
/// <c>report.md</c>. With a known optimum (a benchmark's table, or <c>search.reference</c>) the arms are
/// compared by regret, the distance of the best value found from the optimum; without one, by the best
/// value itself.
/// </summary>
internal sealed class BenchmarkReport
{
    private BenchmarkReport(JObject json, string table)
    {
        Json = json;
        Table = table;
    }

    /// <summary>What <c>benchmark.json</c> holds.</summary>
    public JObject Json { get; }

    /// <summary>The arms' table of <c>report.md</c>.</summary>
    public string Table { get; }

    /// <summary>Computes every figure and writes the outputs into <paramref name="directory"/>.</summary>
    public static BenchmarkReport Write(BenchmarkPlan plan, BenchmarkResults results, string directory)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(results);
        Directory.CreateDirectory(directory);
        results.WriteCsv(Path.Combine(directory, "evaluations.csv"));

        var metric = results.Metric;
        var regret = results.Optimum is not null;
        var measure = regret ? "regret" : $"best {metric.Name}";
        var budget = plan.Evaluations;
        int[] checkpoints = [.. new[] { budget / 3, 2 * budget / 3, budget }.Where(c => c > 0).Distinct()];
        var targets = Targets(results.Known);

        // Per arm, per seed: the measure after each evaluation (a search that stopped early keeps its last).
        double At(BenchmarkSearch search, int evaluation)
        {
            var rows = search.Evaluations;
            if (rows.Count == 0)
            {
                return double.NaN;
            }

            var row = rows[Math.Min(evaluation, rows.Count) - 1];
            return (regret ? row.Regret : row.BestSoFar) ?? double.NaN;
        }

        var byArm = plan.Arms.Select(arm => (Arm: arm, Searches: results.Searches.Where(s => s.Arm == arm.Name).OrderBy(s => s.Seed).ToList())).ToList();
        var reference = byArm.First(a => a.Arm.Name == plan.ReferenceArm);
        var referenceFinals = reference.Searches.ToDictionary(s => s.Seed, s => At(s, budget));
        var arms = new JArray();
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"| arm | optimizer | surrogate | seeds | final {measure}: mean [95 % CI] | median | SD |{string.Concat(checkpoints.Select(c => $" {measure} at {c} |"))}{string.Concat(targets.Select(t => $" evaluations to reach {t.Name} (median; never) |"))} vs {plan.ReferenceArm}: Wilcoxon p | screening evaluations (cost) | seconds per search (surrogate) |\n");
        table.Append(CultureInfo.InvariantCulture, $"|---|---|---|---:|---:|---:|---:|{string.Concat(checkpoints.Select(_ => "---:|"))}{string.Concat(targets.Select(_ => "---:|"))}---:|---:|---:|\n");
        var series = new List<ChartSeries>();
        foreach (var (arm, searches) in byArm)
        {
            var finals = searches.Select(s => At(s, budget)).ToList();
            var final = SeedStatistic.Of(finals);
            var at = checkpoints.Select(c => (Evaluations: c, Statistic: SeedStatistic.Of(searches.Select(s => At(s, c))))).ToList();
            var reach = targets.Select(t => (t.Name, Needed: searches.Select(s => s.Evaluations.FirstOrDefault(e => e.BestSoFar is { } b && metric.ToScore(b) >= metric.ToScore(t.Value))?.Number).ToList())).ToList();
            WilcoxonResult? test = null;
            if (arm.Name != plan.ReferenceArm)
            {
                var paired = searches.Where(s => referenceFinals.ContainsKey(s.Seed)).ToList();
                // Scores, so that a positive difference means this arm did better, whatever the measure.
                double Score(double v) => regret ? -v : metric.ToScore(v);
                test = WilcoxonSignedRank.Test([.. paired.Select(s => Score(At(s, budget)))], [.. paired.Select(s => Score(referenceFinals[s.Seed]))]);
            }

            var lowFidelity = SeedStatistic.Of(searches.Select(s => (double)s.LowFidelityEvaluations));
            var seconds = SeedStatistic.Of(searches.Select(s => s.Seconds));
            var surrogateSeconds = SeedStatistic.Of(searches.Select(s => s.SurrogateSeconds));
            var cost = SeedStatistic.Of(searches.Select(s => s.Evaluations.Count + (arm.LowFidelityCost * s.LowFidelityEvaluations)));
            arms.Add(new JObject
            {
                ["name"] = arm.Name,
                ["optimizer"] = arm.Optimizer,
                ["surrogate"] = arm.Surrogate,
                ["seeds"] = searches.Count,
                [regret ? "final_regret" : "final_best"] = StatisticJson(final),
                [regret ? "regret_at" : "best_at"] = new JObject(at.Select(a => new JProperty(a.Evaluations.ToString(CultureInfo.InvariantCulture), StatisticJson(a.Statistic)))),
                ["evaluations_to_reach"] = new JObject(reach.Select(r => new JProperty(r.Name, new JObject
                {
                    ["median"] = Median(r.Needed, budget),
                    ["mean_of_reached"] = r.Needed.Any(n => n is not null) ? r.Needed.Where(n => n is not null).Average(n => (double)n!) : null,
                    ["never"] = r.Needed.Count(n => n is null),
                }))),
                ["wilcoxon"] = test is null ? null : new JObject
                {
                    ["against"] = plan.ReferenceArm,
                    ["pairs"] = test.Pairs,
                    ["w_plus"] = test.PositiveRankSum,
                    ["w_minus"] = test.NegativeRankSum,
                    ["p"] = test.P,
                    ["method"] = test.Method,
                    ["better"] = test.PositiveRankSum > test.NegativeRankSum ? arm.Name : test.PositiveRankSum < test.NegativeRankSum ? plan.ReferenceArm : null,
                },
                ["screening_evaluations"] = StatisticJson(lowFidelity),
                ["screening_cost"] = arm.LowFidelityCost,
                ["cost_in_evaluations"] = StatisticJson(cost),
                ["seconds"] = new JObject
                {
                    ["total"] = searches.Sum(s => s.Seconds),
                    ["per_search"] = StatisticJson(seconds),
                    ["surrogate_total"] = searches.Sum(s => s.SurrogateSeconds),
                    ["surrogate_per_search"] = StatisticJson(surrogateSeconds),
                },
            });

            var p = test is null ? "reference" : $"{Format(test.P, "G2")}{(test.P < 0.05 ? test.PositiveRankSum > test.NegativeRankSum ? " (better)" : " (worse)" : "")}";
            table.Append(CultureInfo.InvariantCulture, $"| {arm.Name} | {arm.Optimizer} | {arm.Surrogate ?? "none"} | {searches.Count} | {Format(final.Mean)} [{Format(final.Low)}, {Format(final.High)}] | {Format(final.Median)} | {Format(final.Sd)} |");
            table.Append(string.Concat(at.Select(a => $" {Format(a.Statistic.Mean)} |")));
            table.Append(string.Concat(reach.Select(r => $" {Median(r.Needed, budget)?.ToString("0.#", CultureInfo.InvariantCulture) ?? "–"}; {r.Needed.Count(n => n is null)} |")));
            table.Append(CultureInfo.InvariantCulture, $" {p} | {(lowFidelity.Mean > 0 ? $"{Format(lowFidelity.Mean, "0.#")} ({Format(cost.Mean, "0.#")} evaluations)" : "–")} | {Format(seconds.Mean, "0.0")} ({Format(surrogateSeconds.Mean, "0.0")}) |\n");

            var x = new List<double>();
            var mean = new List<double>();
            var low = new List<double>();
            var high = new List<double>();
            for (var n = 1; n <= budget; n++)
            {
                var s = SeedStatistic.Of(searches.Select(r => At(r, n)));
                x.Add(n);
                mean.Add(s.Mean);
                low.Add(s.Low);
                high.Add(s.High);
            }

            series.Add(new ChartSeries($"{arm.Name} ({searches.Count} seeds)", x, mean, Lower: low, Upper: high));
        }

        // Uniform draws without replacement from the known motifs have an exact expected best (order
        // statistics), which checks the harness: the random-search arm must match it within its CI.
        var expectation = regret ? Enumerable.Range(1, budget).Select(n => ExpectedRandomRegret(results.Known, metric, n)).ToList() : null;
        if (expectation is not null)
        {
            table.Append(CultureInfo.InvariantCulture, $"| uniform random draws (exact expectation) | – | – | – | {Format(expectation[budget - 1])} | – | – |{string.Concat(checkpoints.Select(c => $" {Format(expectation[c - 1])} |"))}{string.Concat(targets.Select(_ => " – |"))} – | – | – |\n");
            series.Add(new ChartSeries("uniform random draws (exact expectation)", [.. Enumerable.Range(1, budget).Select(n => (double)n)], expectation));
        }

        var json = new JObject
        {
            ["name"] = plan.Manifest.Manifest.Name,
            ["search_space"] = plan.Manifest.SearchSpaceInstance.Description,
            ["metric"] = metric.Name,
            ["goal"] = metric.Goal.ToString().ToLowerInvariant(),
            ["optimum"] = results.Optimum,
            ["known_motifs"] = results.Known.Count,
            ["evaluations"] = budget,
            ["warmup"] = plan.Manifest.Manifest.Search.Warmup,
            ["seeds"] = plan.Seeds,
            ["reference_arm"] = plan.ReferenceArm,
            ["targets"] = new JObject(targets.Select(t => new JProperty(t.Name, t.Value))),
            ["statistics"] = "over seeds: mean, median, sample SD (n - 1), 95 % CI of the mean by Student's t; Wilcoxon signed-rank test (two-sided, paired by seed, zero differences dropped; exact up to 50 pairs) of each arm's final figure against the reference arm's",
            ["arms"] = arms,
            ["random_search_expectation"] = expectation is null ? null : new JObject(checkpoints.Select(c => new JProperty(c.ToString(CultureInfo.InvariantCulture), expectation[c - 1]))),
        };
        File.WriteAllText(Path.Combine(directory, "benchmark.json"), json.ToString(Formatting.Indented));

        var title = $"{plan.Manifest.Manifest.Name ?? "benchmark"}: {measure} against evaluations ({plan.Seeds} seeds)";
        var floor = regret ? Floor(series) : (double?)null;
        Charts.Save(Path.Combine(directory, "benchmark.png"), title, "ground-truth evaluations spent", regret ? $"regret ({metric.Name}; log scale)" : $"best {metric.Name}", series,
            legend: regret ? ScottPlot.Alignment.UpperRight : Charts.BestSoFarLegend(metric.Goal), logYFloor: floor);

        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {title}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{plan.Manifest.SearchSpaceInstance.Description}; {budget} ground-truth evaluations per search (warm-up {plan.Manifest.Manifest.Search.Warmup}, the same draws for every arm of a seed); seeds 1–{plan.Seeds}.");
        text.Append(regret
            ? string.Create(CultureInfo.InvariantCulture, $" Regret: the known optimum {results.Optimum:G6} ({metric.Name}, over {results.Known.Count} known motifs) minus the best found, in {metric.Name} units.\n\n")
            : $" No known optimum: the arms are compared by the best {metric.Name} found.\n\n");
        text.Append(table);
        text.Append(CultureInfo.InvariantCulture, $"\nMean, median and SD (sample, n − 1) over seeds; 95 % CI of the mean by Student's t. Evaluations to reach a target: the median over seeds (a seed that never reached it counts as more than {budget}; – when half or more never did) and how many seeds never did. Wilcoxon: two-sided signed-rank test of the final {measure}, paired by seed, against {plan.ReferenceArm}. Screening evaluations are low-fidelity lookups; their cost counts each as the arm's lowFidelityCost of a full evaluation. Seconds: the search's wall time (its surrogate's fits and rankings in brackets), run beside the benchmark's other workers.\n\n");
        text.Append(CultureInfo.InvariantCulture, $"![{measure} against evaluations](benchmark.png)\n\n");
        text.Append(regret ? $"The plot shows the mean regret with its 95 % confidence band on a log scale; a regret of 0 (the optimum found) is drawn at {Format(floor!.Value, "G2")}.\n" : "The plot shows the mean best value with its 95 % confidence band.\n");
        File.WriteAllText(Path.Combine(directory, "report.md"), text.ToString());
        return new BenchmarkReport(json, table.ToString());
    }

    /// <summary>
    /// The expected regret of the best of <paramref name="draws"/> motifs drawn uniformly without replacement
    /// from the known ones (<paramref name="known"/>, best first): the k-th best is the best drawn with
    /// probability C(N − k, n − 1) / C(N, n), computed by its ratio from k to k + 1.
    /// </summary>
    public static double ExpectedRandomRegret(IReadOnlyList<double> known, GroundTruthMetric metric, int draws)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(metric);
        var count = known.Count;
        if (draws >= count)
        {
            return 0;
        }

        var probability = (double)draws / count;
        var expected = 0.0;
        for (var k = 1; k <= count - draws + 1 && probability > 0; k++)
        {
            expected += probability * (metric.ToScore(known[0]) - metric.ToScore(known[k - 1]));
            probability *= (double)(count - k - draws + 1) / (count - k);
        }

        return expected;
    }

    /// <summary>The true top 1, top 10 and top 1 % of the known motifs (those the known set is large enough for).</summary>
    private static List<(string Name, double Value)> Targets(IReadOnlyList<double> known)
    {
        var targets = new List<(string, double)>();
        if (known.Count == 0)
        {
            return targets;
        }

        targets.Add(("top 1", known[0]));
        if (known.Count >= 10)
        {
            targets.Add(("top 10", known[9]));
        }

        if (known.Count >= 100)
        {
            targets.Add(("top 1 %", known[(int)Math.Ceiling(known.Count / 100.0) - 1]));
        }

        return targets;
    }

    /// <summary>The median number of evaluations needed, a seed that never got there counting as more than the budget; null when half or more never did.</summary>
    private static double? Median(IReadOnlyList<int?> needed, int budget)
    {
        var sorted = needed.Select(n => n ?? budget + 1).Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var median = (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2.0;
        return median > budget ? null : median;
    }

    /// <summary>The log plot's floor: a tenth of the smallest positive mean regret, so that every mean is drawn.</summary>
    private static double Floor(IEnumerable<ChartSeries> series)
    {
        var positive = series.SelectMany(s => s.Y).Where(v => double.IsFinite(v) && v > 0).DefaultIfEmpty(1).Min();
        return Math.Pow(10, Math.Floor(Math.Log10(positive / 10)));
    }

    private static JObject StatisticJson(SeedStatistic s) => new()
    {
        ["mean"] = Finite(s.Mean),
        ["median"] = Finite(s.Median),
        ["sd"] = Finite(s.Sd),
        ["ci95"] = new JArray(new JValue(Finite(s.Low)), new JValue(Finite(s.High))),
        ["n"] = s.N,
    };

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;

    private static string Format(double value, string format = "0.000") => double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";
}
