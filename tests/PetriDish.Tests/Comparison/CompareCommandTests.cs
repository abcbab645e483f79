using Newtonsoft.Json.Linq;
using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Comparison;

public sealed class CompareCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string compare = """{ "seeds": 2, "train": { "range": [12, 25] } }""") => _temp.Write("compare.json", $$"""
        {
          "seed": 1, "device": "cpu",
          "pluginPaths": [{{Newtonsoft.Json.JsonConvert.ToString(RepoPaths.TestPlugins)}}],
          "searchSpace": { "plugin": "toy-space", "settings": { "size": 30, "peak": 9 } },
          "surrogates": [ { "plugin": "nearest-neighbour" }, { "plugin": "linear" }, { "plugin": "nn-predictor", "settings": { "epochs": 300 } } ],
          "compare": {{compare}}
        }
        """);

    private string Observations(params string[] rows) => _temp.Write("observations.csv", "motif,value\n" + string.Join('\n', rows) + "\n");

    private static string Peak(int position) => FormattableString.Invariant($"toy:{position},{1 - (((position - 9) * (position - 9)) / 100.0)}");

    private Task<CliResult> Compare(params string[] args) => InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "compare", .. args]);

    [Fact]
    public async Task Every_surrogate_is_fitted_per_seed_and_reported_in_table_json_and_plot()
    {
        var observations = Observations([.. Enumerable.Range(0, 30).Select(Peak)]);

        var result = await Compare(Manifest(), "--observations", observations, "--out", _temp.File("out"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var json = JObject.Parse(File.ReadAllText(_temp.File("out/compare.json")));
        Assert.Equal(("toy-score", "maximize", 14, 16, 2), ((string)json["metric"]!, (string)json["goal"]!, (int)json["train"]!, (int)json["test"]!, (int)json["seeds"]!));
        Assert.Equal((12, 4), ((int)json["test_below_range"]!, (int)json["test_above_range"]!));
        var surrogates = (JArray)json["surrogates"]!;
        Assert.Equal(["nearest-neighbour", "linear", "nn-predictor"], surrogates.Select(s => (string)s["id"]!));
        foreach (var surrogate in surrogates)
        {
            Assert.Equal(2, ((JArray)surrogate["kendall_tau"]!["values"]!).Count);
            Assert.Equal(2, ((JArray)surrogate["top1"]!).Count);
            Assert.NotNull(surrogate["kendall_tau_below"]!["mean"]);
            Assert.Equal(1, (int)surrogate["k"]!);
        }

        // Trained right of the peak (at 9), linear regression extends the fall: right of the range it is
        // right, left of it, across the peak, it ranks the rise backwards (the sigmoid-slope lesson).
        var linear = surrogates.Single(s => (string)s["id"]! == "linear");
        Assert.Equal(1.0, (double)linear["kendall_tau_above"]!["mean"]!, 9);
        Assert.True((double)linear["kendall_tau_below"]!["mean"]! < 0);
        Assert.Equal("toy:0", (string)linear["top1"]![0]!["motif"]!);
        Assert.Contains("KENDALL τ", result.Output, StringComparison.Ordinal);
        Assert.True(new FileInfo(_temp.File("out/compare.png")).Length > 10_000);
        Assert.Equal(31, File.ReadAllLines(_temp.File("out/predictions.csv")).Length);
    }

    [Fact]
    public async Task A_split_column_overrides_the_manifest_rule()
    {
        var observations = _temp.Write("split.csv", "motif,value,split\n" + string.Join('\n', Enumerable.Range(0, 12).Select(p => Peak(p) + (p % 3 == 0 ? ",test" : ",train"))) + "\n");

        var result = await Compare(Manifest(), "--observations", observations, "--seeds", "1", "--surrogate", "linear", "--out", _temp.File("split"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var json = JObject.Parse(File.ReadAllText(_temp.File("split/compare.json")));
        Assert.Equal((8, 4), ((int)json["train"]!, (int)json["test"]!));
        Assert.Single((JArray)json["surrogates"]!);
    }

    [Fact]
    public async Task Folds_cross_validate_every_surrogate_and_every_observation_is_ranked_once()
    {
        var observations = Observations([.. Enumerable.Range(0, 30).Select(Peak)]);

        var result = await Compare(Manifest(), "--observations", observations, "--folds", "5", "--surrogate", "linear", "--surrogate", "nearest-neighbour", "--out", _temp.File("cv"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var json = JObject.Parse(File.ReadAllText(_temp.File("cv/compare.json")));
        Assert.Equal(5, (int)json["folds"]!);
        Assert.Equal([24, 24, 24, 24, 24], ((JArray)json["train"]!).Select(t => (int)t));
        Assert.Equal([6, 6, 6, 6, 6], ((JArray)json["test"]!).Select(t => (int)t));
        Assert.Equal("5-fold cross-validation over 30 observations", (string)json["split"]!);
        var linear = ((JArray)json["surrogates"]!).Single(s => (string)s["id"]! == "linear");
        Assert.Equal(5, ((JArray)linear["kendall_tau"]!["values"]!).Count);
        Assert.Null(linear["kendall_tau_below"]);
        // Every observation is in exactly one fold's test rows, with its out-of-fold prediction.
        var predictions = File.ReadAllLines(_temp.File("cv/predictions.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(30, predictions.Count);
        Assert.Equal(Enumerable.Range(1, 5).Select(f => ("fold " + f, 6)), predictions.GroupBy(p => p[3]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        Assert.All(predictions, p => Assert.True(double.IsFinite(double.Parse(p[4], System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains("mean ± std over 5 folds", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Folds_do_not_combine_with_seeds_or_traces()
    {
        var observations = Observations([.. Enumerable.Range(0, 30).Select(Peak)]);

        var result = await Compare(Manifest(), "--observations", observations, "--folds", "5", "--trace", "--out", _temp.File("both"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("--folds fits each surrogate once per fold: it cannot be combined with --seeds or --trace", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_trace_records_each_dish_member_step_by_step_with_its_test_ranking_and_plots()
    {
        var observations = Observations([.. Enumerable.Range(0, 30).Select(Peak)]);
        var manifest = _temp.Write("dish.json", File.ReadAllText(Manifest()).Replace(
            """{ "plugin": "nearest-neighbour" },""",
            """{ "plugin": "petri-dish", "name": "dish", "settings": { "ensemble": 2, "innerSteps": 10, "outerSchedule": [ { "steps": 3, "learningRate": 0.05 } ] } },""",
            StringComparison.Ordinal));

        var result = await Compare(manifest, "--observations", observations, "--surrogate", "dish", "--trace", "--out", _temp.File("trace"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var trace = File.ReadAllLines(_temp.File("trace/trace-dish.csv"));
        Assert.StartsWith("seed,member,step,test_kendall_tau,test_kendall_tau_below,test_kendall_tau_above,test_spearman,top1_motif,top1_true_rank,top1_regret,train_kendall_tau,held_out_mismatch,learned_mismatch,", trace[0], StringComparison.Ordinal);
        // 2 seeds × 2 members × 4 states (as drawn, then after each of 3 outer steps).
        Assert.Equal(1 + (2 * 2 * 4), trace.Length);
        var scores = File.ReadAllLines(_temp.File("trace/trace-dish-scores.csv"));
        Assert.Equal("seed,member,step," + string.Join(',', Enumerable.Range(0, 30).Select(p => $"toy:{p}")), scores[0]);
        Assert.Equal(trace.Length, scores.Length);
        Assert.True(new FileInfo(_temp.File("trace/trace-dish.png")).Length > 10_000);
        Assert.True(new FileInfo(_temp.File("trace/trace-dish-curves.png")).Length > 10_000);
        // What the fit kept is in compare.json, per seed.
        var fits = (JArray)JObject.Parse(File.ReadAllText(_temp.File("trace/compare.json")))["surrogates"]![0]!["fits"]!;
        Assert.Equal(2, fits.Count);
        Assert.All(fits, f => Assert.Matches("^[12] of 2 dishes kept", (string)f["summary"]!));
        Assert.All(fits, f => Assert.NotNull(f["diagnostics"]!["dish1_kept"]));
    }

    [Theory]
    [InlineData(new[] { "toy:1,0.5", "toy:77,0.2", "toy:x,0.1" }, "position must be below 30")]
    [InlineData(new[] { "toy:1,0.5", "toy:2,NaN" }, "the value of toy:2 is 'NaN', not a finite number")]
    [InlineData(new[] { "toy:1,0.5", "toy:1,0.6" }, "toy:1 is listed again (first on line 2)")]
    [InlineData(new[] { "toy:13,0.5", "toy:14,0.5", "toy:15,0.5", "toy:2,0.1", "toy:3,0.2" }, "a constant ground truth has no ranking to learn")]
    [InlineData(new[] { "toy:13,0.5", "toy:14,0.4", "toy:2,0.1", "toy:3,0.2" }, "only 2 training observation(s)")]
    public async Task Bad_observations_are_clear_usage_errors(string[] rows, string message)
    {
        var result = await Compare(Manifest(), "--observations", Observations(rows), "--out", _temp.File("bad"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("bad")));
    }
}
