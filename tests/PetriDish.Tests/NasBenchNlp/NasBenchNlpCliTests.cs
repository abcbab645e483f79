using System.Globalization;
using Newtonsoft.Json.Linq;
using PetriDish.Cli;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.NasBenchNlp;

/// <summary>The nas-bench-nlp plugin through the CLI, loaded from its own build folder, on the embedded sample of the release.</summary>
public sealed class NasBenchNlpCliTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    // A dish small enough for a test: the real settings are in manifests/nas-bench-nlp.json.
    private const string QuickDish = """{ "plugin": "petri-dish", "settings": { "samples": 4, "innerSteps": 3, "innerLearningRate": 0.05, "outerSchedule": [ { "steps": 2, "learningRate": 0.05 } ] } }""";

    private string Manifest(string logs, string optimizer = """{ "plugin": "random-search" }""", string surrogate = "petri-dish", string name = "nlp.json") => _temp.Write(name, $$"""
        {
          "name": "{{Path.GetFileNameWithoutExtension(name)}}",
          "seed": 3,
          "device": "cpu",
          "searchSpace": { "plugin": "nas-bench-nlp", "settings": {
            "groundTruth": { "logs": {{JValue.CreateString(logs).ToString(Newtonsoft.Json.Formatting.None)}} },
            "motifNetwork": { "width": 2, "timeSteps": 3, "inputSize": 2, "outputSize": 1 } } },
          "surrogates": [ {{QuickDish}}, { "plugin": "nn-predictor", "settings": { "epochs": 50 } }, { "plugin": "linear" },
                          { "plugin": "low-fidelity", "name": "one-epoch", "settings": { "epochs": 1, "dataFraction": 1 } } ],
          "optimizer": {{optimizer}},
          "search": { "warmup": 4, "candidates": 8, "evaluationsPerIteration": 2, "surrogate": "{{surrogate}}", "budget": { "evaluations": 8 } },
          "compare": { "seeds": 1, "train": { "count": 6 } }
        }
        """);

    private Task<CliResult> Petridish(params string[] args) => InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, .. args]);

    [Fact]
    public async Task Least_squares_on_op_counts_is_a_baseline_and_an_encoding_the_space_lacks_is_refused_by_name()
    {
        var manifest = _temp.Write("op-counts.json", File.ReadAllText(Manifest(RepoPaths.NasBenchNlpSampleZip)).Replace(
            """{ "plugin": "linear" },""", """{ "plugin": "linear" }, { "plugin": "linear", "name": "linear-op-counts", "settings": { "encoding": "op-counts" } },""", StringComparison.Ordinal));

        var compared = await Petridish("compare", manifest, "--surrogate", "linear-op-counts", "--out", _temp.File("op-counts"));

        Assert.True(compared.ExitCode == ExitCodes.Success, compared.ToString());
        var json = JObject.Parse(File.ReadAllText(_temp.File("op-counts/compare.json")));
        Assert.Equal("linear-op-counts", (string)json["surrogates"]![0]!["id"]!);
        Assert.True(double.IsFinite((double)json["surrogates"]![0]!["kendall_tau"]!["mean"]!));

        var wrong = _temp.Write("wrong.json", File.ReadAllText(manifest).Replace("\"op-counts\"", "\"op-count\"", StringComparison.Ordinal));
        var refused = await Petridish("validate", wrong);

        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("$.surrogates[3].settings.encoding (plugin 'linear'): the search space (NAS-Bench-NLP recurrent cells", refused.Error, StringComparison.Ordinal);
        Assert.Contains("offers no encoding 'op-count'; offered: op-counts (or leave 'encoding' out for the default)", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_all_writes_every_tabulated_cell_with_its_value_and_compare_reads_it()
    {
        var manifest = Manifest(RepoPaths.NasBenchNlpSampleZip);
        var csv = _temp.File("cells.csv");

        var evaluated = await Petridish("evaluate", manifest, "--all", "--out", csv, "--store", _temp.File("cache.sqlite"));

        Assert.True(evaluated.ExitCode == ExitCodes.Success, evaluated.ToString());
        var rows = File.ReadAllLines(csv).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(13, rows.Count); // 15 cells, 2 of them diverged in the release
        Assert.Contains("15 motifs: 13 evaluated, 0 cached, 2 failed (recorded as failed in the table, so not written)", evaluated.Error, StringComparison.Ordinal);
        Assert.Contains("loss is nan!", evaluated.Error, StringComparison.Ordinal);
        var values = rows.Select(r => double.Parse(r[1], CultureInfo.InvariantCulture)).ToList();
        Assert.InRange(values.Min(), 96.4, 96.5); // the release's LSTM
        Assert.All(rows, r => Assert.StartsWith("nlp-cell:", r[0], StringComparison.Ordinal));

        var compared = await Petridish("compare", manifest, "--observations", csv, "--out", _temp.File("compare"));

        Assert.True(compared.ExitCode == ExitCodes.Success, compared.ToString());
        var json = JObject.Parse(File.ReadAllText(_temp.File("compare/compare.json")));
        Assert.Equal(["petri-dish", "nn-predictor", "linear", "one-epoch"], json["surrogates"]!.Select(s => (string)s["id"]!));
        // One epoch of the real training is a strong ranker of the same runs' epoch 50.
        Assert.True((double)json["surrogates"]![3]!["kendall_tau"]!["mean"]! > 0.3, compared.Output);

        // Without an observations file, a table-backed ground truth is its own; --seed draws another split.
        var fromTable = await Petridish("compare", manifest, "--seed", "4", "--surrogate", "one-epoch", "--out", _temp.File("compare-table"));
        Assert.True(fromTable.ExitCode == ExitCodes.Success, fromTable.ToString());
        Assert.Contains("6 training and 7 test observations (6 drawn at random (seed 4); every cell of the ground truth's table)", fromTable.Error, StringComparison.Ordinal);
        var table = JObject.Parse(File.ReadAllText(_temp.File("compare-table/compare.json")));
        Assert.Equal("6 drawn at random (seed 4)", (string)table["split"]!);
    }

    [Fact]
    public async Task Every_optimizer_searches_the_table_and_proposes_only_tabulated_cells()
    {
        var folders = new List<string>();
        foreach (var (optimizer, surrogate) in new[]
        {
            ("""{ "plugin": "random-search" }""", "petri-dish"),
            ("""{ "plugin": "nao", "settings": { "epochs": 5, "seedMotifs": 3 } }""", "petri-dish"),
            ("""{ "plugin": "partial-evaluation", "settings": { "candidates": 4, "epochs": 3, "dataFraction": 1 } }""", ""),
        })
        {
            var name = JObject.Parse(optimizer)["plugin"] + ".json";
            var manifest = Manifest(RepoPaths.NasBenchNlpSample, optimizer, surrogate, name);
            if (surrogate.Length == 0)
            {
                File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"surrogate\": \"\",", "", StringComparison.Ordinal));
            }

            var folder = _temp.File(name + ".run");
            var result = await Petridish("run", manifest, "--out", folder, "--cache", _temp.File("shared.sqlite"));

            Assert.True(result.ExitCode == ExitCodes.Success, $"{name}: {result}");
            var evaluations = RunFolders.Evaluations(folder).Where(e => e.Fidelity == "full").ToList();
            Assert.Equal(8, evaluations.Select(e => e.Motif).Distinct().Count());
            Assert.All(evaluations, e => Assert.StartsWith("nlp-cell:", e.Motif, StringComparison.Ordinal));
            Assert.Contains("budget of 8 ground-truth evaluations spent", result.Output, StringComparison.Ordinal);
            // The table is the reference: the true rank of the pick among the 13 cells with a value.
            Assert.Matches(@"rank \d+ of 13 on the reference", result.Output);
            folders.Add(folder);
        }

        var summary = await Petridish(["summarize", .. folders, "--out", _temp.File("summary"), "--plot-from", "4"]);
        Assert.True(summary.ExitCode == ExitCodes.Success, summary.ToString());
        var finals = File.ReadAllLines(_temp.File("summary/runs.csv"));
        Assert.Equal("method,seed,best,reference_rank,reference_size,search_mean,best_motif", finals[0]);
        Assert.Equal(["random-search", "nao", "partial-evaluation"], finals.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(finals.Skip(1), l => Assert.Equal("13", l.Split(',')[4]));
        Assert.Contains("final pick's true rank (median; per seed)", summary.Output, StringComparison.Ordinal);
        Assert.Matches(@"\| nao \| 1 \| 8 \| [0-9.]+ ± [0-9.]+ \| [0-9.]+ ± [0-9.]+ \| \d+ of 13; \d+ \|", summary.Output);
    }

    [Fact]
    public async Task Bad_logs_and_cells_outside_the_table_are_clear_errors_and_store_nothing()
    {
        var missing = await Petridish("validate", Manifest("no/such/logs.zip", name: "missing.json"));
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("$.searchSpace.settings.groundTruth.logs (plugin 'nas-bench-nlp')", missing.Error, StringComparison.Ordinal);
        Assert.Contains("logs.zip' do not exist", missing.Error, StringComparison.Ordinal);

        var empty = _temp.File("empty");
        Directory.CreateDirectory(empty);
        var noLogs = await Petridish("validate", Manifest(empty, name: "empty.json"));
        Assert.Equal(ExitCodes.UsageError, noLogs.ExitCode);
        Assert.Contains("holds no NAS-Bench-NLP training logs", noLogs.Error, StringComparison.Ordinal);

        var store = _temp.File("cache.sqlite");
        var untabulated = await Petridish("evaluate", Manifest(RepoPaths.NasBenchNlpSample), "--motif", "nlp-cell:n0=linear(x h_prev_0);h_new_0=leaky_relu(n0)", "--store", store);
        Assert.Equal(ExitCodes.UsageError, untabulated.ExitCode);
        Assert.Contains("invalid motif 'nlp-cell:n0=linear(x h_prev_0);h_new_0=leaky_relu(n0)': not one of the 15 cells in the NAS-Bench-NLP table", untabulated.Error, StringComparison.Ordinal);

        var garbled = await Petridish("evaluate", Manifest(RepoPaths.NasBenchNlpSample), "--motif", "nlp-cell:n0=linear(x h_prev_0);h_new_0=tanh(n1)", "--store", store);
        Assert.Equal(ExitCodes.UsageError, garbled.ExitCode);
        Assert.Contains("'h_new_0' reads 'n1', which is not defined", garbled.Error, StringComparison.Ordinal);
        if (File.Exists(store))
        {
            using var results = ResultsStore.Open(store);
            Assert.Empty(results.Evaluations());
        }
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("""{ "plugin": "random-search" }""")]
    [InlineData("""{ "plugin": "nao", "settings": { "epochs": 5, "seedMotifs": 3 } }""")]
    public async Task A_run_killed_after_its_first_checkpoints_resumes_to_the_end_of_an_uninterrupted_run(string optimizer)
    {
        // The dish fits long enough (40 outer steps, a few seconds) for the kill to land in iteration 2, after the
        // Petri dish and the optimizer have checkpointed iteration 1; the table answers at once.
        var name = JObject.Parse(optimizer)["plugin"] + "-resumable.json";
        var manifest = Manifest(RepoPaths.NasBenchNlpSample, optimizer, "petri-dish", name);
        File.WriteAllText(manifest, File.ReadAllText(manifest)
            .Replace("\"outerSchedule\": [ { \"steps\": 2,", "\"outerSchedule\": [ { \"steps\": 40,", StringComparison.Ordinal)
            .Replace("\"evaluations\": 8", "\"evaluations\": 10", StringComparison.Ordinal));
        string[] common = ["--plugins", RepoPaths.HostPlugins, "run"];

        var reference = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(5), [.. common, manifest, "--out", _temp.File("reference")]);
        Assert.True(reference.ExitCode == ExitCodes.Success, reference.ToString());

        using (var victim = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, .. common, manifest, "--out", _temp.File("killed")], _temp.Path))
        {
            await RunLogs.WaitForEvaluationsAsync(victim, 6);
            victim.Kill(); // SIGKILL, in iteration 2's fit.
            await victim.WaitForExitAsync();
        }

        var before = RunFolders.Evaluations(_temp.File("killed")).Where(e => e.Fidelity == "full").ToList();
        Assert.InRange(before.Count, 6, 9);
        var resumed = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(5), [.. common, "--resume", _temp.File("killed")]);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Contains("resuming after iteration", resumed.Error, StringComparison.Ordinal);

        var expected = RunFolders.Evaluations(_temp.File("reference")).Where(e => e.Fidelity == "full").Select(e => (e.Motif, e.Value, e.Iteration, e.Attempt)).ToList();
        var after = RunFolders.Evaluations(_temp.File("killed")).Where(e => e.Fidelity == "full").Select(e => (e.Motif, e.Value, e.Iteration, e.Attempt)).ToList();
        Assert.True(expected.SequenceEqual(after), $"uninterrupted:\n{string.Join('\n', expected)}\nkilled after {before.Count} and resumed:\n{string.Join('\n', after)}\n{resumed.Error}");
        Assert.Equal(after.Count, after.Select(e => e.Motif).Distinct().Count());
    }

    [Fact]
    public async Task A_run_whose_logs_changed_since_it_started_is_refused_on_resume_naming_both_ground_truths()
    {
        // Issue 26, item 11: the data a plugin reads are fingerprinted in its ground truth's
        // configuration; a resume under other data would mix two ground truths in one run.
        var logs = _temp.File("logs");
        System.IO.Compression.ZipFile.ExtractToDirectory(RepoPaths.NasBenchNlpSampleZip, logs);
        var folder = _temp.File("run");
        var started = await Petridish("run", Manifest(logs, surrogate: "linear"), "--out", folder);
        Assert.True(started.ExitCode == ExitCodes.Success, started.ToString());
        var stored = RunFolders.Evaluations(folder).Count;

        File.Delete(Directory.EnumerateFiles(logs, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Last());
        var resumed = await Petridish("run", "--resume", folder);

        Assert.Equal(ExitCodes.UsageError, resumed.ExitCode);
        Assert.Contains($"the ground truth of the run in {folder} changed since its evaluations were stored", resumed.Error, StringComparison.Ordinal);
        Assert.Contains("Put its data back as they were to continue it, or start a new run", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(stored, RunFolders.Evaluations(folder).Count);
    }
}
