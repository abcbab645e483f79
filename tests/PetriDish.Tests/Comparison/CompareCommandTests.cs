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
