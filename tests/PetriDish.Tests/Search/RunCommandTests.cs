using Newtonsoft.Json.Linq;
using PetriDish.Cli;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Search;

public sealed class RunCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string name, string search, string optimizer = """{ "plugin": "random-search" }""", string groundTruth = "{}", int size = 60) => _temp.Write(name, $$"""
        {
          "name": "{{Path.GetFileNameWithoutExtension(name)}}",
          "seed": 7,
          "device": "cpu",
          "searchSpace": { "plugin": "toy-space", "settings": { "size": {{size}}, "peak": 37, "groundTruth": {{groundTruth}} } },
          "surrogates": [ { "plugin": "nearest-neighbour" } ],
          "optimizer": {{optimizer}},
          "search": {{search}}
        }
        """);

    private static Task<CliResult> Run(params string[] args) =>
        InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run", .. args]);

    [Fact]
    public async Task A_surrogate_assisted_search_spends_exactly_its_budget_and_writes_its_report()
    {
        var manifest = Manifest("search.json", """{ "warmup": 6, "candidates": 20, "evaluationsPerIteration": 3, "surrogate": "nearest-neighbour", "budget": { "evaluations": 15 } }""");
        var folder = _temp.File("run");

        var result = await Run(manifest, "--out", folder);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var evaluations = RunFolders.Evaluations(folder);
        Assert.Equal(15, evaluations.Select(e => e.Motif).Distinct().Count());
        Assert.Equal(6, evaluations.Count(e => e.Purpose == "warmup"));
        Assert.Equal([3, 3, 3], evaluations.Where(e => e.Iteration > 0).GroupBy(e => e.Iteration).Select(g => g.Count()));
        var best = JObject.Parse(File.ReadAllText(Path.Combine(folder, "best.json")));
        Assert.Equal(evaluations.MaxBy(e => e.Value)!.Motif, (string)best["motif"]!);
        Assert.Equal(15, (int)best["evaluations"]!);
        Assert.StartsWith($"best {best["motif"]} = ", result.Output, StringComparison.Ordinal);
        Assert.Contains("after 15 ground-truth evaluations", result.Output, StringComparison.Ordinal);
        var report = File.ReadAllText(Path.Combine(folder, "report.md"));
        Assert.Contains("## Surrogate quality on the newly evaluated motifs", report, StringComparison.Ordinal);
        Assert.Contains("| 15 | 3 | search |", report, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(folder, "progress.png")).Length > 10_000);
        using var store = ResultsStore.Open(Path.Combine(folder, "results.sqlite"));
        Assert.Equal(20, store.Predictions(1).Count);
        Assert.NotNull(store.Checkpoint("surrogate", 1));
        Assert.NotNull(store.Checkpoint("optimizer", 3));
    }

    [Fact]
    public async Task The_surrogate_screening_finds_the_peak_with_fewer_evaluations_than_its_proposals()
    {
        // Nearest neighbour on a one-peaked landscape walks towards the peak: the surrogate matters.
        var manifest = Manifest("screened.json", """{ "warmup": 5, "candidates": 59, "evaluationsPerIteration": 2, "surrogate": "nearest-neighbour", "budget": { "evaluations": 13 } }""");

        var result = await Run(manifest, "--out", _temp.File("screened"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var best = JObject.Parse(File.ReadAllText(_temp.File("screened/best.json")));
        Assert.InRange(int.Parse(((string)best["motif"]!)[4..], System.Globalization.CultureInfo.InvariantCulture), 33, 41);
    }

    [Fact]
    public async Task Without_a_surrogate_the_proposals_are_evaluated_directly()
    {
        var manifest = Manifest("plain.json", """{ "warmup": 2, "evaluationsPerIteration": 4, "budget": { "iterations": 2 } }""");

        var result = await Run(manifest, "--out", _temp.File("plain"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Equal(10, RunFolders.Evaluations(_temp.File("plain")).Count);
        Assert.Contains("budget of 2 iterations done", result.Output, StringComparison.Ordinal);
        Assert.Contains("| surrogate | none (plain search) |", File.ReadAllText(_temp.File("plain/report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ground_truth_that_throws_is_recorded_retried_and_the_run_goes_on()
    {
        var manifest = Manifest(
            "failing.json",
            """{ "warmupMotifs": ["toy:3", "toy:4"], "warmup": 2, "evaluationsPerIteration": 2, "retries": 1, "budget": { "evaluations": 6 } }""",
            optimizer: """{ "plugin": "sequential", "settings": { "step": 5 } }""",
            groundTruth: """{ "failing": [3, 10] }""");

        var result = await Run(manifest, "--out", _temp.File("failing"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var evaluations = RunFolders.Evaluations(_temp.File("failing"));
        var failed = evaluations.Where(e => e.Status == EvaluationStatus.Failed).ToList();
        Assert.Equal(["toy:3", "toy:3", "toy:10", "toy:10"], failed.Select(e => e.Motif));
        Assert.Equal([1, 2, 1, 2], failed.Select(e => e.Attempt));
        Assert.All(failed, e => Assert.Contains("toy ground truth fails for", e.Error, StringComparison.Ordinal));
        Assert.Equal(6, evaluations.Select(e => e.Motif).Distinct().Count());
        Assert.Contains("failed (attempt 2)", File.ReadAllText(_temp.File("failing/report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_ground_truth_that_returns_nan_or_infinity_is_stored_as_failed_retried_and_the_run_goes_on()
    {
        var manifest = Manifest(
            "non-finite.json",
            """{ "warmupMotifs": ["toy:4", "toy:5"], "warmup": 2, "evaluationsPerIteration": 2, "retries": 1, "budget": { "evaluations": 6 } }""",
            optimizer: """{ "plugin": "sequential", "settings": { "step": 5 } }""",
            groundTruth: """{ "nonFinite": [4, 15] }""");

        var result = await Run(manifest, "--out", _temp.File("non-finite"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var evaluations = RunFolders.Evaluations(_temp.File("non-finite"));
        var failed = evaluations.Where(e => e.Status == EvaluationStatus.Failed).ToList();
        Assert.Equal(["toy:4", "toy:4", "toy:15", "toy:15"], failed.Select(e => e.Motif));
        Assert.All(failed.Take(2), e => Assert.Contains("non-finite value (NaN)", e.Error, StringComparison.Ordinal));
        Assert.All(failed.Skip(2), e => Assert.Contains("non-finite value (Infinity)", e.Error, StringComparison.Ordinal));
        Assert.All(failed, e => Assert.Null(e.Value));
        Assert.Equal(6, evaluations.Select(e => e.Motif).Distinct().Count());
        Assert.All(evaluations.Where(e => e.Status == EvaluationStatus.Completed), e => Assert.True(double.IsFinite(e.Value!.Value)));
    }

    [Fact]
    public async Task An_iteration_interrupted_after_its_evaluations_but_before_its_checkpoint_is_redone_as_it_was()
    {
        // The moment a kill can hit between an iteration's last stored evaluation and its checkpoint,
        // made exact: a finished run loses iteration 2's checkpoints and everything after iteration 2,
        // then resumes. Iteration 2 holds toy:10, which failed for good (both attempts).
        var manifest = Manifest(
            "interrupted.json",
            """{ "warmupMotifs": ["toy:3", "toy:4"], "warmup": 2, "evaluationsPerIteration": 2, "retries": 1, "budget": { "evaluations": 8 } }""",
            optimizer: """{ "plugin": "sequential", "settings": { "step": 5 } }""",
            groundTruth: """{ "failing": [3, 10] }""");
        var folder = _temp.File("interrupted");
        var finished = await Run(manifest, "--out", folder);
        Assert.True(finished.ExitCode == ExitCodes.Success, finished.ToString());
        var whole = RunFolders.Evaluations(folder).Select(e => (e.Motif, e.Value, e.Attempt, e.Iteration)).ToList();
        Assert.Equal(2, whole.Count(e => e.Motif == "toy:10" && e.Value is null && e.Iteration == 2));
        Assert.Contains(whole, e => e.Iteration == 3);

        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(folder, "results.sqlite")};Pooling=False"))
        {
            connection.Open();
            using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM checkpoints WHERE iteration >= 2; DELETE FROM predictions WHERE iteration > 2; DELETE FROM evaluations WHERE iteration > 2";
            delete.ExecuteNonQuery();
        }

        var resumed = await Run("--resume", folder);

        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Contains("resuming after iteration 1", resumed.Error, StringComparison.Ordinal);
        Assert.Equal(whole, RunFolders.Evaluations(folder).Select(e => (e.Motif, e.Value, e.Attempt, e.Iteration)));
    }

    [Fact]
    public async Task With_no_retries_a_failing_evaluation_is_tried_once()
    {
        var manifest = Manifest(
            "noretry.json",
            """{ "warmupMotifs": ["toy:3"], "warmup": 1, "retries": 0, "budget": { "evaluations": 1 } }""",
            groundTruth: """{ "failing": [3] }""");

        var result = await Run(manifest, "--out", _temp.File("noretry"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Single(RunFolders.Evaluations(_temp.File("noretry")));
        Assert.Contains("no successful ground-truth evaluation", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_optimizer_proposing_an_invalid_motif_stops_the_run_with_a_clear_error()
    {
        var manifest = Manifest("invalid.json", """{ "warmup": 2, "budget": { "evaluations": 8 } }""", optimizer: """{ "plugin": "sequential", "settings": { "inject": ["toy:999"] } }""");

        var result = await Run(manifest, "--out", _temp.File("invalid"));

        Assert.Equal(ExitCodes.RuntimeFailure, result.ExitCode);
        Assert.Contains("optimizer 'sequential' proposed an invalid motif: invalid motif 'toy:999': position must be below 60", result.Error, StringComparison.Ordinal);
        Assert.Equal(2, RunFolders.Evaluations(_temp.File("invalid")).Count); // The warm-up stays stored.
    }

    [Theory]
    [InlineData("""{ "budget": { "evaluations": 0 } }""", "$.search.budget.evaluations: 0 is below the minimum 1")]
    [InlineData("""{ "budget": { } }""", "$.search.budget: give at least one of evaluations, iterations or wallTimeSeconds")]
    [InlineData("""{ "warmupMotifs": ["toy:x"], "budget": { "evaluations": 3 } }""", "$.search.warmupMotifs[0] (plugin 'toy-space'): invalid motif 'toy:x'")]
    public async Task Unrunnable_search_settings_are_usage_errors_and_nothing_is_run(string search, string message)
    {
        var result = await Run(Manifest("bad.json", search), "--out", _temp.File("bad"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("bad/results.sqlite")));
    }

    [Fact]
    public async Task A_folder_that_already_holds_a_run_is_not_overwritten()
    {
        var manifest = Manifest("twice.json", """{ "warmup": 2, "budget": { "evaluations": 2 } }""");
        await Run(manifest, "--out", _temp.File("twice"));

        var again = await Run(manifest, "--out", _temp.File("twice"));

        Assert.Equal(ExitCodes.UsageError, again.ExitCode);
        Assert.Contains("already holds a run", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partial_evaluation_screens_at_low_fidelity_and_counts_those_evaluations_apart()
    {
        var manifest = Manifest(
            "partial.json",
            """{ "warmup": 3, "evaluationsPerIteration": 2, "budget": { "evaluations": 7 } }""",
            optimizer: """{ "plugin": "partial-evaluation", "settings": { "candidates": 6, "epochs": 1, "dataFraction": 0.5 } }""");

        var result = await Run(manifest, "--out", _temp.File("partial"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var evaluations = RunFolders.Evaluations(_temp.File("partial"));
        Assert.Equal(7, evaluations.Count(e => e.Fidelity == "full"));
        var screening = evaluations.Where(e => e.Fidelity != "full").ToList();
        Assert.Equal(12, screening.Count);
        Assert.All(screening, e => Assert.Equal(("epochs=1;data=0.5", "screening"), (e.Fidelity, e.Purpose!)));
        Assert.Contains("- low-fidelity evaluations: 12,", File.ReadAllText(_temp.File("partial/report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Runs_sharing_a_cache_at_the_same_time_both_finish_and_the_cache_holds_every_measurement_whole()
    {
        // Separate processes in practice (the methods and seeds of one experiment); here two runs at
        // once, each with its own connection: SQLite serialises their writes (WAL, a busy timeout).
        var manifest = Manifest("concurrent.json", """{ "warmup": 6, "evaluationsPerIteration": 2, "budget": { "evaluations": 12 } }""", groundTruth: """{ "delayMilliseconds": 30 }""");
        var cache = _temp.File("concurrent.sqlite");

        var runs = await Task.WhenAll(
            Run(manifest, "--out", _temp.File("one"), "--cache", cache, "--seed", "1"),
            Run(manifest, "--out", _temp.File("two"), "--cache", cache, "--seed", "2"));

        Assert.All(runs, r => Assert.True(r.ExitCode == ExitCodes.Success, r.ToString()));
        var (one, two) = (RunFolders.Evaluations(_temp.File("one")), RunFolders.Evaluations(_temp.File("two")));
        Assert.Equal(12, one.Count);
        Assert.Equal(12, two.Count);
        using var shared = ResultsStore.OpenReadOnly(cache);
        var measured = shared.Evaluations();
        // Every measurement of either run is in the cache, with its value; a motif both measured at
        // the same moment may be stored twice, never torn or lost.
        Assert.Equal(one.Concat(two).Select(e => e.Motif).ToHashSet(), measured.Select(e => e.Motif).ToHashSet());
        Assert.All(measured, e => Assert.Equal(one.Concat(two).First(r => r.Motif == e.Motif).Value, e.Value));
    }

    [Fact]
    public async Task Runs_sharing_a_cache_measure_each_motif_once_and_seeds_change_the_search_but_not_the_ground_truth()
    {
        var manifest = Manifest("shared.json", """{ "warmup": 6, "evaluationsPerIteration": 2, "budget": { "evaluations": 10 } }""", groundTruth: """{ "delayMilliseconds": 20 }""");
        var cache = _temp.File("shared.sqlite");

        var first = await Run(manifest, "--out", _temp.File("first"), "--cache", cache, "--seed", "1");
        var again = await Run(manifest, "--out", _temp.File("again"), "--cache", cache, "--seed", "1");
        var other = await Run(manifest, "--out", _temp.File("other"), "--cache", cache, "--seed", "2");

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
        Assert.True(other.ExitCode == ExitCodes.Success, other.ToString());
        var (a, b, c) = (RunFolders.Evaluations(_temp.File("first")), RunFolders.Evaluations(_temp.File("again")), RunFolders.Evaluations(_temp.File("other")));
        Assert.Equal(a.Select(e => (e.Motif, e.Value)), b.Select(e => (e.Motif, e.Value)));
        Assert.NotEqual(a.Select(e => e.Motif), c.Select(e => e.Motif)); // Another seed, another search...
        using var shared = ResultsStore.Open(cache);
        var measured = shared.Evaluations();
        Assert.Equal(measured.Count, measured.Select(e => e.Motif).Distinct().Count()); // ...each motif measured once...
        Assert.Equal(a.Concat(c).Select(e => e.Motif).Distinct().Count(), measured.Count);
        foreach (var common in a.Select(e => e.Motif).Intersect(c.Select(e => e.Motif)))
        {
            Assert.Equal(a.Single(e => e.Motif == common).Value, c.Single(e => e.Motif == common).Value); // ...with one ground truth.
        }

        Assert.Contains("\"seed\": 2", File.ReadAllText(_temp.File("other/manifest.json")), StringComparison.Ordinal);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_killed_worker_process_is_a_failed_attempt_retried_and_the_search_goes_on_to_its_budget()
    {
        var manifest = WithWorkers("killed-worker.json", Manifest(
            "plain.json",
            """{ "warmup": 4, "evaluationsPerIteration": 2, "retries": 1, "budget": { "evaluations": 6 } }""",
            groundTruth: """{ "delayMilliseconds": 1500 }"""));
        var folder = _temp.File("killed-worker");

        var run = Run(manifest, "--out", folder);
        // A worker's command line names the run folder's manifest copy: kill the first one seen, mid-evaluation.
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string? pid = null;
        while (pid is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no worker process appeared");
            if (run.IsCompleted)
            {
                Assert.Fail("the run ended before a worker was seen: " + await run);
            }

            pid = (await WorkersOf(folder)).FirstOrDefault();
            await Task.Delay(50);
        }

        await Task.Delay(300); // Inside its evaluation (each takes 1.5 s).
        var kill = await ProcessRunner.RunAsync("kill", ["-9", pid], _temp.Path, TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
        var result = await run;

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var evaluations = RunFolders.Evaluations(folder);
        var failed = Assert.Single(evaluations, e => e.Status == EvaluationStatus.Failed);
        Assert.Contains("worker exited with code", failed.Error, StringComparison.Ordinal);
        Assert.Contains(evaluations, e => e.Motif == failed.Motif && e.Status == EvaluationStatus.Completed && e.Attempt == 2);
        Assert.Equal(6, evaluations.Where(e => e.Status == EvaluationStatus.Completed).Select(e => e.Motif).Distinct().Count());
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task SIGTERM_to_a_host_with_worker_processes_ends_its_workers_too()
    {
        // Issue 18: cancellation must reach running evaluations, also those in worker processes, which
        // would otherwise keep computing (and writing into the run folder) after the host has gone.
        var manifest = WithWorkers("terminated-workers.json", Manifest(
            "slow.json",
            """{ "warmup": 4, "budget": { "evaluations": 4 } }""",
            groundTruth: """{ "delayMilliseconds": 30000 }"""));
        var folder = _temp.File("terminated-workers");
        using var host = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, "--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run", manifest, "--out", folder], _temp.Path);
        host.BeginOutputReadLine();
        host.BeginErrorReadLine();

        var deadline = DateTime.UtcNow.AddMinutes(2);
        while ((await WorkersOf(folder)).Count < 2)
        {
            Assert.True(DateTime.UtcNow < deadline && !host.HasExited, "two worker processes did not appear");
            await Task.Delay(50);
        }

        var kill = await ProcessRunner.RunAsync("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _temp.Path, TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
        await host.WaitForExitAsync();

        Assert.Equal(143, host.ExitCode);
        // Each worker has 30 s of evaluation left: any still alive a few seconds later was left behind.
        var settled = DateTime.UtcNow.AddSeconds(5);
        while ((await WorkersOf(folder)).Count > 0 && DateTime.UtcNow < settled)
        {
            await Task.Delay(100);
        }

        Assert.Empty(await WorkersOf(folder));
        Assert.Empty(RunFolders.Evaluations(folder)); // Nothing finished, so nothing was stored.
    }

    /// <summary>A copy of the manifest whose evaluations run in two local worker processes.</summary>
    private string WithWorkers(string name, string manifest) => _temp.Write(name, File.ReadAllText(manifest)
        .Replace("\"search\":", "\"executor\": { \"kind\": \"local\", \"settings\": { \"workers\": 2 } },\n  \"search\":", StringComparison.Ordinal));

    /// <summary>The process ids of the run's workers: their command line names the run folder's manifest copy.</summary>
    private async Task<List<string>> WorkersOf(string folder)
    {
        var found = await ProcessRunner.RunAsync("pgrep", ["-f", Path.Combine(folder, "manifest.json")], _temp.Path, TimeSpan.FromSeconds(10));
        return [.. found.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }

    [Fact]
    public async Task Local_worker_processes_evaluate_in_parallel_and_end_as_the_in_process_search()
    {
        const string search = """{ "warmup": 4, "evaluationsPerIteration": 2, "surrogate": "nearest-neighbour", "candidates": 8, "budget": { "evaluations": 8 } }""";
        var manifest = Manifest("inprocess.json", search);
        var workers = WithWorkers("workers.json", manifest);

        var single = await Run(manifest, "--out", _temp.File("single"));
        var parallel = await Run(workers, "--out", _temp.File("parallel"));

        Assert.True(single.ExitCode == ExitCodes.Success, single.ToString());
        Assert.True(parallel.ExitCode == ExitCodes.Success, parallel.ToString());
        static IEnumerable<(string, double?, int?)> Ordered(List<EvaluationRecord> records) =>
            records.OrderBy(e => e.Iteration).ThenBy(e => e.Motif, StringComparer.Ordinal).Select(e => (e.Motif, e.Value, e.Iteration));
        var remote = RunFolders.Evaluations(_temp.File("parallel"));
        Assert.Equal(Ordered(RunFolders.Evaluations(_temp.File("single"))), Ordered(remote));
        Assert.All(remote, e => Assert.StartsWith("pid-", e.JobId, StringComparison.Ordinal));
        Assert.Contains("executor local, 2 worker processes", parallel.Error, StringComparison.Ordinal);
        Assert.True(Directory.EnumerateFiles(_temp.File("parallel/jobs"), "*.json").Count() >= 4);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_run_killed_with_sigkill_resumes_without_repeating_an_evaluation_and_ends_as_an_uninterrupted_run()
    {
        var manifest = Manifest(
            "resumable.json",
            """{ "warmup": 4, "candidates": 12, "evaluationsPerIteration": 3, "surrogate": "nearest-neighbour", "budget": { "evaluations": 16 } }""",
            groundTruth: """{ "delayMilliseconds": 250 }""");
        string[] common = ["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run"];

        var reference = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(3), [.. common, manifest, "--out", _temp.File("reference")]);
        Assert.True(reference.ExitCode == ExitCodes.Success, reference.ToString());

        using (var victim = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, .. common, manifest, "--out", _temp.File("killed")], _temp.Path))
        {
            await RunLogs.WaitForEvaluationsAsync(victim, 7);
            victim.Kill(); // SIGKILL: no chance to clean up.
            await victim.WaitForExitAsync();
        }

        var before = RunFolders.Evaluations(_temp.File("killed"));
        Assert.InRange(before.Count, 7, 15);
        var resumed = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(3), [.. common, "--resume", _temp.File("killed")]);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());

        var after = RunFolders.Evaluations(_temp.File("killed"));
        Assert.Equal(before.Select(e => e.Id), after.Take(before.Count).Select(e => e.Id));
        Assert.Equal(after.Count, after.Select(e => e.Motif).Distinct().Count()); // Nothing evaluated twice.
        var expected = RunFolders.Evaluations(_temp.File("reference"));
        Assert.Equal(expected.Select(e => (e.Motif, e.Value, e.Iteration)), after.Select(e => (e.Motif, e.Value, e.Iteration)));
        var bestReference = JObject.Parse(File.ReadAllText(_temp.File("reference/best.json")));
        var bestResumed = JObject.Parse(File.ReadAllText(_temp.File("killed/best.json")));
        Assert.Equal(((string)bestReference["motif"]!, (double)bestReference["value"]!, (int)bestReference["evaluations"]!), ((string)bestResumed["motif"]!, (double)bestResumed["value"]!, (int)bestResumed["evaluations"]!));

        var again = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(1), [.. common, "--resume", _temp.File("killed")]);
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
        Assert.Equal(after.Count, RunFolders.Evaluations(_temp.File("killed")).Count); // A finished run resumes to its result, spending nothing.
    }

    [Fact]
    public async Task A_killed_run_on_a_read_only_mount_is_summarized_with_every_stored_evaluation()
    {
        // Issue 26, item 9: a store left in write-ahead-log mode (its process killed) on a read-only
        // mount once gave "unable to open database file". The mount is a read-only bind mount in a
        // private mount namespace of the summarizing process (unshare), so nothing outside it changes.
        var manifest = Manifest(
            "killed-read-only.json",
            """{ "warmup": 4, "candidates": 12, "evaluationsPerIteration": 3, "surrogate": "nearest-neighbour", "budget": { "evaluations": 16 } }""",
            groundTruth: """{ "delayMilliseconds": 250 }""");
        var folder = _temp.File("source/run");
        using (var victim = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, "--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run", manifest, "--out", folder], _temp.Path))
        {
            await RunLogs.WaitForEvaluationsAsync(victim, 5);
            victim.Kill();
            await victim.WaitForExitAsync();
        }

        Assert.True(File.Exists(Path.Combine(folder, "results.sqlite-wal")), "the killed run left no write-ahead log: the case is not the one to test");
        var stored = RunFolders.Evaluations(folder).Count;
        var mounted = _temp.File("read-only");
        Directory.CreateDirectory(mounted);
        string[] summarize = ["dotnet", RepoPaths.HostDll, "--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "summarize", Path.Combine(mounted, "run"), "--out", _temp.File("summary")];
        var script = $"mount --bind '{_temp.File("source")}' '{mounted}' && mount -o remount,ro,bind '{mounted}' && ! touch '{mounted}/run/probe' 2>/dev/null && exec {string.Join(' ', summarize.Select(a => $"'{a}'"))}";

        var summarized = await ProcessRunner.RunAsync("unshare", ["--mount", "--map-root-user", "sh", "-c", script], _temp.Path, TimeSpan.FromMinutes(1));

        Assert.True(summarized.ExitCode == ExitCodes.Success, summarized.ToString());
        var bestSoFar = File.ReadAllLines(Path.Combine(_temp.File("summary"), "summary.csv")).Skip(1).ToList(); // One row per evaluation.
        Assert.Equal(stored, bestSoFar.Count);
    }

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("TERM", 15, 143)]
    [InlineData("HUP", 1, 129)]
    [InlineData("INT", 2, 130)]
    public async Task A_run_stopped_by_a_signal_stores_its_work_prints_the_resume_hint_and_exits_128_plus_the_signal(string signal, int number, int exitCode)
    {
        // A signal this test process ignores (nohup ignores HUP; a background job of a script ignores
        // INT) is ignored by the child too, and then petridish must keep running, as nohup intends.
        var ignored = IgnoredSignals().Contains(number);
        var manifest = Manifest(
            "signalled.json",
            """{ "warmup": 4, "candidates": 12, "evaluationsPerIteration": 3, "surrogate": "nearest-neighbour", "budget": { "evaluations": 16 } }""",
            groundTruth: """{ "delayMilliseconds": 250 }""");
        var folder = _temp.File("signalled");
        using var victim = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, "--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run", manifest, "--out", folder], _temp.Path);
        var log = await RunLogs.WaitForEvaluationsAsync(victim, 3);

        var kill = await ProcessRunner.RunAsync("kill", ["-" + signal, victim.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _temp.Path, TimeSpan.FromSeconds(10));
        Assert.Equal(0, kill.ExitCode);
        await victim.WaitForExitAsync();

        if (ignored)
        {
            Assert.True(victim.ExitCode == ExitCodes.Success, $"SIG{signal} is ignored here, yet exit {victim.ExitCode}: " + string.Join('\n', log));
            Assert.Equal(16, RunFolders.Evaluations(folder).Count);
            return;
        }

        Assert.True(victim.ExitCode == exitCode, $"exit {victim.ExitCode}: " + string.Join('\n', log));
        Assert.Contains(log, l => l.Contains($"continue with: petridish run --resume {folder}", StringComparison.Ordinal));
        Assert.InRange(RunFolders.Evaluations(folder).Count, 3, 15);
    }

    /// <summary>The signals this process ignores (Linux: the SigIgn mask of /proc/self/status); children inherit them.</summary>
    private static HashSet<int> IgnoredSignals()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        var mask = line is null ? 0UL : ulong.Parse(line["SigIgn:".Length..].Trim(), System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture);
        return [.. Enumerable.Range(1, 64).Where(n => (mask & (1UL << (n - 1))) != 0)];
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_second_process_on_a_running_runs_folder_exits_2_naming_the_first_and_the_lock_dies_with_the_first()
    {
        // Slow evaluations (5 s each), so that the first run is surely still going while the others try
        // (two process starts; at 3 s each a loaded machine once let the first run finish meanwhile).
        var manifest = Manifest(
            "locked.json",
            """{ "warmup": 3, "candidates": 12, "evaluationsPerIteration": 3, "surrogate": "nearest-neighbour", "budget": { "evaluations": 6 } }""",
            groundTruth: """{ "delayMilliseconds": 5000 }""");
        var folder = _temp.File("locked");
        string[] common = ["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run"];
        CliResult resume, restart;
        int firstId;
        using (var first = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, .. common, manifest, "--out", folder], _temp.Path))
        {
            firstId = first.Id;
            first.BeginErrorReadLine();
            first.BeginOutputReadLine();
            var deadline = DateTime.UtcNow.AddMinutes(2);
            // Reading the store only once the run made it (opening it earlier would create it).
            while (!File.Exists(Path.Combine(folder, "results.sqlite")) || RunFolders.Evaluations(folder).Count < 1)
            {
                Assert.True(DateTime.UtcNow < deadline && !first.HasExited, "the first run did not get going");
                await Task.Delay(50);
            }

            resume = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(1), [.. common, "--resume", folder]);
            restart = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(1), [.. common, manifest, "--out", folder]);
            Assert.False(first.HasExited, "the first run ended before the check was over; the test needs slower evaluations");
            first.Kill(); // SIGKILL: the lock must go with the process, nothing left to clean by hand.
            await first.WaitForExitAsync();
        }

        var resumed = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(2), [.. common, "--resume", folder]);

        Assert.Equal(ExitCodes.UsageError, resume.ExitCode);
        Assert.Contains($"in use by another petridish process (process {firstId} on", resume.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, restart.ExitCode);
        Assert.Contains("in use by another petridish process", restart.Error, StringComparison.Ordinal);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        var evaluations = RunFolders.Evaluations(folder);
        Assert.Equal(6, evaluations.Count);
        Assert.Equal(6, evaluations.Select(e => e.Motif).Distinct().Count());
    }
}
