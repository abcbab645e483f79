using System.Text.RegularExpressions;
using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Search;

/// <summary>
/// Issue 26: a run writes only into a folder of its own, comes into being atomically, and no other
/// command writes into a run's store; what validate accepts, run accepts.
/// </summary>
public sealed partial class RunFolderSafetyTests : IDisposable
{
    private const string Search = """{ "warmup": 3, "evaluationsPerIteration": 2, "budget": { "evaluations": 5 } }""";

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string file, string search = Search, string? name = null) => _temp.Write(file, $$"""
        {
          "name": {{Newtonsoft.Json.JsonConvert.ToString(name ?? Path.GetFileNameWithoutExtension(file))}},
          "seed": 3,
          "device": "cpu",
          "searchSpace": { "plugin": "toy-space", "settings": { "size": 40, "peak": 17 } },
          "optimizer": { "plugin": "random-search" },
          "search": {{search}}
        }
        """);

    private static Task<CliResult> Cli(params string[] args) =>
        InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, .. args]);

    [Fact]
    public async Task A_folder_holding_other_files_is_refused_and_nothing_in_it_changes()
    {
        var folder = _temp.File("mine");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "report.md"), "mine");

        var result = await Cli("run", Manifest("search.json"), "--out", folder);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(folder, result.Error, StringComparison.Ordinal);
        Assert.Contains("not empty and holds no run (report.md)", result.Error, StringComparison.Ordinal);
        Assert.Equal(["report.md"], Directory.GetFileSystemEntries(folder).Select(Path.GetFileName));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "report.md")));
    }

    [Fact]
    public async Task An_out_path_that_is_a_file_is_refused_as_such()
    {
        var file = _temp.Write("notes.txt", "mine");

        var result = await Cli("run", Manifest("search.json"), "--out", file);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{file} is a file", result.Error, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(file));
    }

    [Theory]
    [InlineData("../../../../escaped")]
    [InlineData("/tmp/anywhere")]
    [InlineData("a\u0000b")]
    [InlineData("")]
    public async Task A_name_that_is_not_a_file_name_is_refused_by_validate_and_run_alike(string name)
    {
        var manifest = Manifest("named.json", name: name);

        var validated = await Cli("validate", manifest);
        var run = await Cli("run", manifest);

        foreach (var result in new[] { validated, run })
        {
            Assert.Equal(ExitCodes.UsageError, result.ExitCode);
            Assert.Contains("$.name", result.Error, StringComparison.Ordinal);
            Assert.Contains("letters, digits", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("Null character", result.Error, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("""{ "budget": {} }""", "$.search.budget")]
    [InlineData("""{ "warmupMotifs": ["relu"], "budget": { "evaluations": 4 } }""", "$.search.warmupMotifs[0]")]
    public async Task Validate_refuses_what_run_refuses(string search, string path)
    {
        var manifest = Manifest("search.json", search);

        var validated = await Cli("validate", manifest);
        var run = await Cli("run", manifest, "--out", _temp.File("run"));

        Assert.Equal(ExitCodes.UsageError, validated.ExitCode);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains(path, validated.Error, StringComparison.Ordinal);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("run")));
    }

    [Fact]
    public async Task A_start_stopped_before_its_store_was_complete_is_no_run_and_starts_again()
    {
        // What a process killed while creating the store leaves: the lock files, a pending store, the manifest copy.
        var folder = _temp.File("unfinished");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "run.lock"), "");
        File.WriteAllText(Path.Combine(folder, "manifest.json"), "{ half");
        File.WriteAllBytes(Path.Combine(folder, "results.sqlite.new"), [1, 2, 3]);

        var resumed = await Cli("run", "--resume", folder);
        Assert.Equal(ExitCodes.UsageError, resumed.ExitCode);
        Assert.Contains("never completely created", resumed.Error, StringComparison.Ordinal);
        Assert.Contains($"--out {folder}", resumed.Error, StringComparison.Ordinal);

        var started = await Cli("run", Manifest("search.json"), "--out", folder);

        Assert.True(started.ExitCode == ExitCodes.Success, started.ToString());
        Assert.Equal(5, RunFolders.Evaluations(folder).Count);
        Assert.False(File.Exists(Path.Combine(folder, "results.sqlite.new")));
    }

    [Fact]
    public async Task A_cache_that_cannot_be_opened_leaves_no_run_behind()
    {
        var cache = _temp.File("garbage.sqlite");
        File.WriteAllBytes(cache, [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))]);
        var folder = _temp.File("run");
        var manifest = Manifest("search.json");

        var refused = await Cli("run", manifest, "--out", folder, "--cache", cache);

        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains(cache, refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder, "results.sqlite")));
        var again = await Cli("run", manifest, "--out", folder, "--cache", _temp.File("cache.sqlite"));
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
    }

    [Fact]
    public async Task A_runs_own_store_is_neither_a_cache_nor_an_evaluate_target()
    {
        var manifest = Manifest("search.json");
        var folder = _temp.File("run");
        Assert.Equal(ExitCodes.Success, (await Cli("run", manifest, "--out", folder)).ExitCode);
        var store = Path.Combine(folder, "results.sqlite");

        var evaluated = await Cli("evaluate", manifest, "--motif", "toy:9", "--store", store);
        var cachedInOther = await Cli("run", manifest, "--out", _temp.File("other"), "--cache", store);
        var cachedInItself = await Cli("run", manifest, "--out", _temp.File("itself"), "--cache", Path.Combine(_temp.File("itself"), "results.sqlite"));

        foreach (var result in new[] { evaluated, cachedInOther, cachedInItself })
        {
            Assert.Equal(ExitCodes.UsageError, result.ExitCode);
            Assert.Contains("a run's own results store", result.Error, StringComparison.Ordinal);
        }

        Assert.Equal(5, RunFolders.Evaluations(folder).Count);
        Assert.False(Directory.Exists(_temp.File("other")));
    }

    [Theory]
    [InlineData("--data-fraction", "NaN")]
    [InlineData("--data-fraction", "Infinity")]
    [InlineData("--epochs", "NaN")]
    [InlineData("--epochs", "-1")]
    public async Task A_non_finite_or_out_of_range_fidelity_is_an_error_and_caches_nothing(string option, string value)
    {
        var store = _temp.File("cache.sqlite");

        var result = await Cli("evaluate", Manifest("search.json"), "--motif", "toy:9", "--store", store, option, value);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(option, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(store));
    }

    [Fact]
    public async Task Two_runs_started_together_without_out_get_folders_of_their_own()
    {
        var name = "together-" + Guid.NewGuid().ToString("N")[..8];
        var manifest = Manifest("together.json", name: name);
        var folders = new List<string>();
        try
        {
            var results = await Task.WhenAll(Cli("run", manifest), Cli("run", manifest));

            foreach (var result in results)
            {
                Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
                folders.Add(RunFolderLine().Match(result.Output).Groups[1].Value);
            }

            Assert.Equal(2, folders.Distinct().Count());
            Assert.All(folders, f => Assert.StartsWith(Path.GetFullPath(Path.Combine("runs", name + "-")), f, StringComparison.Ordinal));
            Assert.All(folders, f => Assert.Equal(5, RunFolders.Evaluations(f).Count));
        }
        finally
        {
            foreach (var folder in folders.Where(Directory.Exists))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task A_finished_run_is_one_file_that_reading_writes_nothing_beside()
    {
        // Issue 26: a finished run on a read-only folder could not be summarized ("attempt to write a
        // readonly database"): reading a store in write-ahead-log mode creates files beside it.
        var folder = _temp.File("run");
        Assert.Equal(ExitCodes.Success, (await Cli("run", Manifest("search.json"), "--out", folder)).ExitCode);
        var before = Directory.GetFiles(folder).Order(StringComparer.Ordinal).ToList();

        var summarized = await Cli("summarize", folder, "--out", _temp.File("summary"));

        Assert.True(summarized.ExitCode == ExitCodes.Success, summarized.ToString());
        Assert.Equal(before, Directory.GetFiles(folder).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(before, f => f.EndsWith("-wal", StringComparison.Ordinal) || f.EndsWith("-shm", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hand_edited_manifest_copy_is_refused_on_resume_not_ignored()
    {
        var folder = _temp.File("run");
        Assert.Equal(ExitCodes.Success, (await Cli("run", Manifest("search.json"), "--out", folder)).ExitCode);
        var copy = Path.Combine(folder, "manifest.json");
        File.WriteAllText(copy, File.ReadAllText(copy).Replace("\"evaluations\": 5", "\"evaluations\": 9", StringComparison.Ordinal));

        var resumed = await Cli("run", "--resume", folder);

        Assert.Equal(ExitCodes.UsageError, resumed.ExitCode);
        Assert.Contains($"{copy} was changed after the run started", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(5, RunFolders.Evaluations(folder).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("""  "executor": { "kind": "local", "settings": { "workers": 2 } },""")]
    public async Task Two_runs_sharing_a_cache_at_once_train_each_motif_once(string executor)
    {
        // Issue 26: two runs with the same seed (so the same motifs) and one --cache trained every motif
        // twice; in this process and with worker processes alike.
        var manifest = _temp.Write("shared.json", $$"""
            {
              "name": "shared",
              "seed": 3,
              "device": "cpu",
              {{executor}}
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 40, "peak": 17, "groundTruth": { "delayMilliseconds": 700 } } },
              "optimizer": { "plugin": "random-search" },
              "search": { "warmup": 4, "evaluationsPerIteration": 2, "budget": { "evaluations": 6 } }
            }
            """);
        var cache = _temp.File("cache.sqlite");
        string[] common = ["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run", manifest, "--cache", cache];

        var runs = await Task.WhenAll(
            ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(2), [.. common, "--out", _temp.File("a")]),
            ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(2), [.. common, "--out", _temp.File("b")]));

        Assert.All(runs, r => Assert.True(r.ExitCode == ExitCodes.Success, r.ToString()));
        var a = RunFolders.Evaluations(_temp.File("a"));
        var b = RunFolders.Evaluations(_temp.File("b"));
        Assert.Equal(a.Select(e => e.Motif).Order(StringComparer.Ordinal), b.Select(e => e.Motif).Order(StringComparer.Ordinal));
        using var shared = PetriDish.Core.Store.ResultsStore.OpenReadOnly(cache);
        var cached = shared.Evaluations().ToList();
        Assert.Equal(6, cached.Count);
        Assert.Equal(6, cached.Select(e => e.Motif).Distinct().Count());
        Assert.Contains(runs, r => (r.Output + r.Error).Contains("(stored)", StringComparison.Ordinal)); // Reused, not trained.
    }

    [Fact]
    public async Task A_report_that_cannot_be_written_says_the_evaluations_are_stored_and_how_to_write_it()
    {
        var folder = _temp.File("run");
        Assert.Equal(ExitCodes.Success, (await Cli("run", Manifest("search.json"), "--out", folder)).ExitCode);
        var report = Path.Combine(folder, "report.md");
        File.Delete(report);
        Directory.CreateDirectory(report); // Stands in for a full disk: the report's file cannot be written.

        var failed = await Cli("run", "--resume", folder);

        Assert.Equal(ExitCodes.RuntimeFailure, failed.ExitCode);
        Assert.Contains("every evaluation is stored", failed.Error, StringComparison.Ordinal);
        Assert.Contains($"'petridish run --resume {folder}' writes it", failed.Error, StringComparison.Ordinal);
        Directory.Delete(report);
        var resumed = await Cli("run", "--resume", folder);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.True(File.Exists(report));
        Assert.Equal(5, RunFolders.Evaluations(folder).Count);
    }

    [Fact]
    public async Task A_run_resumes_with_the_reference_curve_it_kept_after_the_manifests_folder_moved()
    {
        var experiment = _temp.File("experiment");
        Directory.CreateDirectory(experiment);
        File.WriteAllText(Path.Combine(experiment, "curve.csv"), "motif,value\n" + string.Concat(Enumerable.Range(0, 40).Select(i => $"toy:{i},{-Math.Abs(i - 17)}\n")));
        var manifest = Path.Combine(experiment, "search.json");
        File.WriteAllText(manifest, File.ReadAllText(Manifest("template.json", """{ "warmup": 3, "evaluationsPerIteration": 2, "budget": { "evaluations": 5 }, "reference": "curve.csv" }""")));
        var folder = _temp.File("run");
        var started = await Cli("run", manifest, "--out", folder);
        Assert.True(started.ExitCode == ExitCodes.Success, started.ToString());

        Directory.Move(experiment, _temp.File("moved"));
        var resumed = await Cli("run", "--resume", folder);

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Contains("of 40 on the reference curve", resumed.Output, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(_temp.File("moved/curve.csv")), File.ReadAllText(Path.Combine(folder, "reference.csv")));
    }

    [GeneratedRegex(@"run folder (\S+)")]
    private static partial Regex RunFolderLine();
}
