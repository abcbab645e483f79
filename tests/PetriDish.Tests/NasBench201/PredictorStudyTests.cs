using System.Globalization;
using Newtonsoft.Json.Linq;
using PetriDish.Cli;
using PetriDish.Core.Store;
using PetriDish.Plugins.SearchSpace.NasBench201;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using PetriDish.Plugins.SearchSpace.NasBench201.Table;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.NasBench201;

/// <summary>The nas-bench-201 plugin, gbdt and the predictor study through the CLI, each plugin loaded from its own build folder.</summary>
public sealed class PredictorStudyTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string compare, string surrogates = """{ "plugin": "gbdt", "settings": { "trees": 50 } }, { "plugin": "linear" }""") => _temp.Write("nb201.json", $$"""
        {
          "name": "nb201",
          "seed": 2,
          "device": "cpu",
          "searchSpace": { "plugin": "nas-bench-201" },
          "surrogates": [ {{surrogates}} ],
          "optimizer": { "plugin": "random-search" },
          "search": { "warmup": 4, "candidates": 20, "evaluationsPerIteration": 2, "surrogate": "gbdt", "budget": { "evaluations": 8 } },
          "compare": {{compare}}
        }
        """);

    private static Task<CliResult> Petridish(params string[] args) => InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, .. args]);

    [Fact]
    public async Task A_study_fits_every_surrogate_at_every_size_and_seed_on_nested_training_sets_and_one_test_sample()
    {
        var folder = _temp.File("study");

        var studied = await Petridish("compare", Manifest("""{ "seeds": 2, "train": { "counts": [10, 30] }, "test": { "count": 200 } }"""), "--out", folder);

        Assert.True(studied.ExitCode == ExitCodes.Success, studied.ToString());
        Assert.Contains("training sizes 10, 30 drawn from 15425 motifs, 200 test motifs", studied.Error, StringComparison.Ordinal);
        var rows = File.ReadAllLines(Path.Combine(folder, "study.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(2 * 2 * 2, rows.Count);
        Assert.Equal(["gbdt", "linear"], rows.Select(r => r[0]).Distinct());
        Assert.All(rows, r => Assert.InRange(double.Parse(r[4], CultureInfo.InvariantCulture), -1, 1));
        var json = JObject.Parse(File.ReadAllText(Path.Combine(folder, "study.json")));
        Assert.Equal(200, (int)json["test"]!);
        Assert.Equal([10, 30], json["train_counts"]!.Select(t => (int)t));
        var gbdtAt30 = json["surrogates"]![0]!["sizes"]![1]!;
        Assert.Equal(2, gbdtAt30["kendall_tau"]!["values"]!.Count());
        Assert.True(File.Exists(Path.Combine(folder, "study.png")));
        Assert.Contains("τ @ 10", studied.Output, StringComparison.Ordinal);

        // Every τ can be recomputed from the committed per-cell data: the test cells' values and each fit's scores.
        var test = File.ReadAllLines(Path.Combine(folder, "test.csv")).Skip(1).Select(l => double.Parse(l[(l.LastIndexOf(',') + 1)..], CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(200, test.Length);
        var scores = File.ReadAllLines(Path.Combine(folder, "predictions.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(8 * 200, scores.Count);
        foreach (var row in rows)
        {
            var fit = scores.Where(s => s[0] == row[0] && s[1] == row[2] && s[2] == row[3]).OrderBy(s => int.Parse(s[3], CultureInfo.InvariantCulture)).Select(s => double.Parse(s[4], CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(double.Parse(row[4], CultureInfo.InvariantCulture), PetriDish.Core.Comparison.RankMetrics.KendallTauB(test, fit), 12);
        }
    }

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")] // a native library, loaded in the plugin's own context
    public async Task Gbdt_learns_the_ranking_of_cells_from_200_of_them(string library)
    {
        var folder = _temp.File("gbdt");
        var surrogates = $$"""{ "plugin": "gbdt", "settings": { "trees": 50, "library": "{{library}}" } }""";

        var compared = await Petridish("compare", Manifest("""{ "seeds": 1, "train": { "count": 200 } }""", surrogates), "--surrogate", "gbdt", "--out", folder);

        Assert.True(compared.ExitCode == ExitCodes.Success, compared.ToString());
        var tau = (double)JObject.Parse(File.ReadAllText(Path.Combine(folder, "compare.json")))["surrogates"]![0]!["kendall_tau"]!["mean"]!;
        Assert.InRange(tau, 0.4, 1); // Gradient-boosted trees on the one-hot cells: τ ≈ 0.55 at 200 training cells (docs/nas-bench-201.md).
    }

    [Fact]
    public async Task A_search_on_the_table_reports_the_gpu_time_its_lookups_saved()
    {
        var folder = _temp.File("run");

        var run = await Petridish("run", Manifest("""{ "seeds": 1 }"""), "--out", folder);

        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var table = BenchmarkTable.Load(RepoPaths.NasBench201Table);
        var space = new NasBench201SearchSpace(new NasBench201Settings(), TestContexts.Plugin());
        using var store = ResultsStore.OpenReadOnly(Path.Combine(folder, "results.sqlite"));
        var evaluated = store.Evaluations().Where(r => r.Status == EvaluationStatus.Completed).ToList();
        Assert.Equal(8, evaluated.Count);
        var expected = evaluated.Sum(r => table.Value("train_seconds_200", table.RowOf((Nb201Cell)space.Parse(r.Motif))!.Value)!.Value);
        Assert.Equal(expected, (double)JObject.Parse(File.ReadAllText(Path.Combine(folder, "best.json")))["tabulated_train_seconds"]!, 6);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{expected / 3600:F1} GPU-hours saved (the benchmark's training time of the 8 looked-up evaluations)"), run.Output + run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_gbdt_library_is_a_validation_error_naming_the_known_ones()
    {
        var validated = await Petridish("validate", Manifest("""{ "seeds": 1 }""", """{ "plugin": "gbdt", "settings": { "library": "xgboost" } }"""));

        Assert.Equal(ExitCodes.UsageError, validated.ExitCode);
        Assert.Contains("unknown library 'xgboost' (known: fasttree, lightgbm)", validated.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "train": { "counts": [10], "count": 5 } }""", "compare.train.counts (a predictor study) cannot be combined with compare.train.count, fraction or range")]
    [InlineData("""{ "train": { "counts": [15000] }, "test": { "count": 1000 } }""", "15625 observations cannot hold a test sample of 1000 and a training set of 15000 apart from it")]
    public async Task A_study_that_cannot_be_drawn_is_refused_saying_why(string compare, string reason)
    {
        var refused = await Petridish("compare", Manifest(compare), "--out", _temp.File("refused"));

        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains(reason, refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_benchmark_table_runs_with_only_the_table_and_metric_changed()
    {
        var table = _temp.Write("other.csv", "arch,test_error_200,train_seconds_200\n" + string.Join('\n', Enumerable.Range(0, 60).Select(i =>
        {
            var cell = Nb201Cell.FromOrdinal(i * 97);
            return string.Create(CultureInfo.InvariantCulture, $"{cell.Architecture},{cell.Ops.Count(o => o == CellOp.None) + (i % 7 * 0.1)},{100 + i}");
        })) + "\n");
        var manifest = _temp.Write("other.json", File.ReadAllText(Manifest("""{ "train": { "count": 30 } }""")).Replace(
            "\"searchSpace\": { \"plugin\": \"nas-bench-201\" }",
            $$"""
            "searchSpace": { "plugin": "nas-bench-201", "settings": { "groundTruth": { "table": "{{table}}", "metric": "test_error", "goal": "minimize" } } }
            """, StringComparison.Ordinal));

        var compared = await Petridish("compare", manifest, "--surrogate", "linear", "--out", _temp.File("other"));

        Assert.True(compared.ExitCode == ExitCodes.Success, compared.ToString());
        Assert.Contains("test-error (minimize)", compared.Output, StringComparison.Ordinal);
        Assert.Contains("30 training and 30 test observations", compared.Error, StringComparison.Ordinal);
    }
}
