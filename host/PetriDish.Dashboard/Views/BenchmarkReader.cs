using System.Globalization;
using Newtonsoft.Json.Linq;
using PetriDish.Core.Benchmarking;
using PetriDish.Dashboard.Catalog;

namespace PetriDish.Dashboard.Views;

/// <summary>Reads a benchmark's folder (plan, outputs, and its runs' states) for the dashboard.</summary>
internal sealed class BenchmarkReader(RunReader runs)
{
    private readonly ViewCache<BenchmarkDetail> _details = new();
    private readonly ViewCache<BenchmarkDetail> _summaries = new();

    /// <summary>What the list shows of a benchmark: its state and progress, without the curves (evaluations.csv is not read).</summary>
    public BenchmarkDetail Summary(DashboardItem item, IEnumerable<DashboardItem> itsRuns) => Current(item, itsRuns, _summaries, withCurves: false);

    /// <summary>Everything a benchmark's page shows.</summary>
    public BenchmarkDetail Detail(DashboardItem item, IEnumerable<DashboardItem> itsRuns) => Current(item, itsRuns, _details, withCurves: true);

    private BenchmarkDetail Current(DashboardItem item, IEnumerable<DashboardItem> itsRuns, ViewCache<BenchmarkDetail> cache, bool withCurves)
    {
        ArgumentNullException.ThrowIfNull(item);
        var finished = cache.Get(item.Path, FileStamp.Of(item.Path, "benchmark.plan.json", "benchmark.json", "evaluations.csv", "evaluations.csv.gz"), () => Read(item, withCurves));
        if (finished.Error is not null)
        {
            return finished;
        }

        var progress = Progress(item, finished, itsRuns);
        var state = progress.Any(p => p.Running > 0) ? "running" : finished.Arms.Count > 0 ? "finished" : "stopped";
        return finished with { Progress = progress, State = state };
    }

    private List<ArmProgress> Progress(DashboardItem item, BenchmarkDetail detail, IEnumerable<DashboardItem> itsRuns)
    {
        // runs/ARM/seed-N under the benchmark's folder.
        var byArm = itsRuns
            .Select(run => (Run: run, Parts: Path.GetRelativePath(Path.Combine(item.Path, "runs"), run.Path).Split(Path.DirectorySeparatorChar)))
            .Where(r => r.Parts.Length == 2 && r.Parts[1].StartsWith("seed-", StringComparison.Ordinal) && int.TryParse(r.Parts[1].AsSpan(5), NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            .GroupBy(r => r.Parts[0], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => new ArmRun(int.Parse(r.Parts[1].AsSpan(5), CultureInfo.InvariantCulture), r.Run.Id, runs.Overview(r.Run).State)).OrderBy(r => r.Seed).ToList(), StringComparer.Ordinal);
        var names = detail.Progress.Select(p => p.Arm).Concat(byArm.Keys).Distinct(StringComparer.Ordinal);
        return [.. names.Select(arm =>
        {
            var armRuns = byArm.GetValueOrDefault(arm) ?? [];
            return new ArmProgress(arm, armRuns.Count(r => r.State == "finished"), armRuns.Count(r => r.State == "running"), detail.Seeds ?? armRuns.Count, armRuns);
        })];
    }

    private static BenchmarkDetail Read(DashboardItem item, bool withCurves)
    {
        try
        {
            var planPath = Path.Combine(item.Path, "benchmark.plan.json");
            var plan = File.Exists(planPath) ? JObject.Parse(File.ReadAllText(planPath)) : null;
            var manifest = plan?["manifest_text"] is { Type: JTokenType.String } text ? JObject.Parse((string)text!) : null;
            var armNames = ((manifest?.SelectToken("benchmark.arms") as JArray) ?? []).Select(a => (string?)a["name"]).OfType<string>().ToList();
            var outputPath = Path.Combine(item.Path, "benchmark.json");
            var output = File.Exists(outputPath) ? JObject.Parse(File.ReadAllText(outputPath)) : null;
            var regret = output?["optimum"] is { Type: JTokenType.Float or JTokenType.Integer };
            var measure = regret ? "regret" : $"best {(string?)output?["metric"] ?? "value"}";
            var arms = ((output?["arms"] as JArray) ?? []).OfType<JObject>().Select(Arm).ToList();
            if (armNames.Count == 0)
            {
                armNames = [.. arms.Select(a => a.Name)];
            }

            var curves = output is null || !withCurves || CsvRows.Find(item.Path, "evaluations.csv") is not { } csv ? [] : Curves(csv, regret ? "regret" : "best_so_far", armNames);
            var expectation = ((withCurves ? output?["random_search_expectation"] as JObject : null) ?? [])
                .Properties().Select(p => new CurvePoint(double.Parse(p.Name, CultureInfo.InvariantCulture), Numbers.Finite((double?)p.Value))).ToList();
            return new BenchmarkDetail(item.Id, item.Label, (string?)output?["name"] ?? (string?)manifest?["name"], "stopped", (string?)output?["metric"], (string?)output?["goal"], measure,
                Numbers.Finite((double?)output?["optimum"]), (int?)output?["evaluations"] ?? (int?)manifest?.SelectToken("search.budget.evaluations"), (int?)output?["seeds"] ?? (int?)plan?["seeds"],
                (string?)output?["reference_arm"], [.. armNames.Select(a => new ArmProgress(a, 0, 0, 0, []))], arms, curves, expectation, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException or InvalidOperationException or InvalidCastException or FormatException or CsvHelper.CsvHelperException)
        {
            return new BenchmarkDetail(item.Id, item.Label, null, "damaged", null, null, "", null, null, null, null, [], [], [], [], $"{item.Path}: {ex.Message}");
        }
    }

    private static ArmRow Arm(JObject arm)
    {
        var final = (arm["final_regret"] ?? arm["final_best"]) as JObject;
        var wilcoxon = arm["wilcoxon"] as JObject;
        return new ArmRow((string?)arm["name"] ?? "?", (string?)arm["optimizer"], (string?)arm["surrogate"], (int?)arm["seeds"],
            Numbers.Finite((double?)final?["mean"]), Numbers.Finite((double?)final?["median"]), Numbers.Finite((double?)final?["sd"]),
            Numbers.Finite((double?)(final?["ci95"] as JArray)?[0]), Numbers.Finite((double?)(final?["ci95"] as JArray)?[1]),
            Numbers.Finite((double?)wilcoxon?["p"]), (string?)wilcoxon?["better"],
            Numbers.Finite((double?)arm.SelectToken("seconds.per_search.mean")), Numbers.Finite((double?)arm.SelectToken("seconds.surrogate_per_search.mean")));
    }

    /// <summary>Per arm, the measure after each evaluation over seeds (a search that stopped early keeps its last), as benchmark.png draws it.</summary>
    private static List<ArmCurve> Curves(string csv, string column, IReadOnlyList<string> armOrder)
    {
        var searches = CsvRows.Read(csv)
            .GroupBy(r => (Arm: r["arm"], Seed: r["seed"]))
            .Select(g => (g.Key.Arm, Values: g.OrderBy(r => int.Parse(r["evaluation"], CultureInfo.InvariantCulture)).Select(r => CsvRows.Number(r, column) ?? double.NaN).ToList()))
            .ToLookup(s => s.Arm, s => s.Values, StringComparer.Ordinal);
        var order = armOrder.Concat(searches.Select(g => g.Key)).Distinct(StringComparer.Ordinal).Where(a => searches.Contains(a));
        return [.. order.Select(arm =>
        {
            var seeds = searches[arm].Where(v => v.Count > 0).ToList();
            var length = seeds.Count == 0 ? 0 : seeds.Max(v => v.Count);
            var points = Enumerable.Range(1, length).Select(x =>
            {
                var statistic = SeedStatistic.Of(seeds.Select(v => v[Math.Min(x, v.Count) - 1]));
                return new BandPoint(x, Numbers.Finite(statistic.Mean), Numbers.Finite(statistic.Low), Numbers.Finite(statistic.High));
            });
            return new ArmCurve(arm, [.. points]);
        })];
    }
}
