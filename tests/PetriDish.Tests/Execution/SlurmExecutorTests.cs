using PetriDish.Cli;
using PetriDish.Core.Execution;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Execution;

/// <summary>Ground-truth evaluations as jobs of a real single-node Slurm cluster.</summary>
[Collection(SlurmCollection.Name)]
[Trait("Category", "Slurm")]
public sealed class SlurmExecutorTests : IDisposable
{
    private const string Slurm = """{ "kind": "slurm", "settings": { "pollSeconds": 0.2, "maxJobsInFlight": 4, "timeLimit": "00:05:00" } }""";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string name, string search, string executor, string groundTruth = "{}") => _temp.Write(name, $$"""
        {
          "name": "{{Path.GetFileNameWithoutExtension(name)}}",
          "seed": 3,
          "device": "cpu",
          "searchSpace": { "plugin": "toy-space", "settings": { "size": 40, "peak": 17, "groundTruth": {{groundTruth}} } },
          "surrogates": [ { "plugin": "nearest-neighbour" } ],
          "optimizer": { "plugin": "random-search" },
          "search": {{search}},
          "executor": {{executor}}
        }
        """);

    private static string[] Common => ["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run"];

    private static Task<CliResult> Run(params string[] args) => InProcessCli.RunAsync([.. Common, .. args]);

    [Fact]
    public async Task A_search_whose_evaluations_all_run_as_slurm_jobs_ends_as_the_same_search_run_locally()
    {
        const string search = """{ "warmup": 4, "candidates": 8, "evaluationsPerIteration": 2, "surrogate": "nearest-neighbour", "budget": { "evaluations": 8 } }""";
        var onSlurm = await Run(Manifest("slurm.json", search, Slurm), "--out", _temp.File("slurm"));
        var locally = await Run(Manifest("local.json", search, """{ "kind": "local" }"""), "--out", _temp.File("local"));

        Assert.True(onSlurm.ExitCode == ExitCodes.Success, onSlurm.ToString());
        Assert.True(locally.ExitCode == ExitCodes.Success, locally.ToString());
        var remote = RunFolders.Evaluations(_temp.File("slurm"));
        var local = RunFolders.Evaluations(_temp.File("local"));
        // Jobs finish in any order; what each iteration evaluated, and the values, must be the same.
        Assert.Equal(Ordered(local).Select(e => (e.Motif, e.Value, e.Iteration, e.Status)), Ordered(remote).Select(e => (e.Motif, e.Value, e.Iteration, e.Status)));
        Assert.All(remote, e => Assert.True(long.TryParse(e.JobId, out _), $"{e.Motif} has no Slurm job id"));
        Assert.Equal(remote.Count, remote.Select(e => e.JobId).Distinct().Count());
        var jobs = await SlurmCluster.JobsAsync();
        Assert.All(remote, e => Assert.Equal("COMPLETED", jobs[e.JobId!].State));
        Assert.Contains("executor slurm", onSlurm.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_that_fails_is_recorded_with_its_job_and_retried()
    {
        var manifest = Manifest(
            "failing.json",
            """{ "warmupMotifs": ["toy:3", "toy:5"], "warmup": 2, "retries": 1, "budget": { "evaluations": 2 } }""",
            Slurm,
            """{ "failing": [3] }""");

        var result = await Run(manifest, "--out", _temp.File("failing"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var records = RunFolders.Evaluations(_temp.File("failing"));
        var failed = records.Where(e => e.Motif == "toy:3").ToList();
        Assert.Equal([1, 2], failed.Select(e => e.Attempt));
        Assert.All(failed, e => Assert.Equal(EvaluationStatus.Failed, e.Status));
        Assert.All(failed, e => Assert.Contains("toy ground truth fails for toy:3", e.Error, StringComparison.Ordinal));
        Assert.NotEqual(failed[0].JobId, failed[1].JobId);
        var jobs = await SlurmCluster.JobsAsync();
        Assert.All(failed, e => Assert.Equal("FAILED", jobs[e.JobId!].State)); // The worker exits non-zero.
        Assert.Equal(EvaluationStatus.Completed, records.Single(e => e.Motif == "toy:5").Status);
    }

    [Fact]
    public async Task A_job_cancelled_from_outside_is_recorded_and_the_run_goes_on()
    {
        var manifest = Manifest(
            "cancelled.json",
            """{ "warmupMotifs": ["toy:1", "toy:2"], "warmup": 2, "retries": 1, "budget": { "evaluations": 2 } }""",
            Slurm,
            """{ "delayMilliseconds": 5000 }""");
        var folder = _temp.File("cancelled");

        var run = Run(manifest, "--out", folder);
        var victim = await WaitForJobAsync(folder, running: true);
        await ProcessRunner.RunAsync("scancel", [victim], _temp.Path, TimeSpan.FromSeconds(30));
        var result = await run;

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var records = RunFolders.Evaluations(folder);
        var cancelled = Assert.Single(records, e => e.JobId == victim);
        Assert.Equal(EvaluationStatus.Failed, cancelled.Status);
        Assert.Contains("CANCELLED", cancelled.Error, StringComparison.Ordinal);
        Assert.Single(records, e => e.Motif == cancelled.Motif); // Cancelled on purpose: not retried.
        Assert.Single(records, e => e.Status == EvaluationStatus.Completed);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_killed_host_resumes_collecting_finished_jobs_and_reattaching_to_running_ones_without_submitting_any_twice()
    {
        const string search = """{ "warmup": 4, "evaluationsPerIteration": 2, "budget": { "evaluations": 6 } }""";
        var manifest = Manifest("resumed.json", search, """{ "kind": "slurm", "settings": { "pollSeconds": 0.2, "maxJobsInFlight": 2 } }""", """{ "delayMilliseconds": 3000 }""");
        var folder = _temp.File("resumed");

        using (var host = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, .. Common, manifest, "--out", folder], _temp.Path))
        {
            host.BeginOutputReadLine();
            host.BeginErrorReadLine();
            await WaitForJobAsync(folder, running: false); // One job done, the next ones submitted.
            host.Kill(); // SIGKILL: the host vanishes, its jobs do not.
            await host.WaitForExitAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(4)); // Jobs finish while nobody is watching.
        var resumed = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, .. Common, "--resume", folder], _temp.Path, TimeSpan.FromMinutes(3));
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());

        var reference = await Run(Manifest("reference.json", search, """{ "kind": "local" }""", """{ "delayMilliseconds": 10 }"""), "--out", _temp.File("reference"));
        Assert.True(reference.ExitCode == ExitCodes.Success, reference.ToString());
        var records = RunFolders.Evaluations(folder);
        // Seen rarely: one job stored once as failed (then retried) after the kill; name its error if it recurs.
        Assert.True(records.All(e => e.Status == EvaluationStatus.Completed),
            "failed records: " + string.Join("; ", records.Where(e => e.Status != EvaluationStatus.Completed).Select(e => $"{e.Motif} job {e.JobId}: {e.Error}")));
        Assert.Equal(Ordered(RunFolders.Evaluations(_temp.File("reference"))).Select(e => (e.Motif, e.Value, e.Iteration)), Ordered(records).Select(e => (e.Motif, e.Value, e.Iteration)));
        Assert.Equal(6, records.Count); // No evaluation lost or repeated.

        // Every job script of the run was submitted exactly once.
        var names = Directory.EnumerateFiles(Path.Combine(folder, "jobs"), "*.sh").Select(Path.GetFileNameWithoutExtension).ToList();
        var jobs = await SlurmCluster.JobsAsync();
        foreach (var name in names)
        {
            Assert.Single(jobs.Values, j => j.Name == SlurmExecutor.JobNameFor(folder, name!));
        }

        Assert.Equal(6, names.Count);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task SIGTERM_to_the_host_cancels_its_running_jobs_and_the_run_resumes_to_its_budget()
    {
        // Issue 18: what Slurm, systemd or docker stop send must reach the jobs the host started, not
        // leave them computing for nobody.
        var manifest = Manifest(
            "terminated.json",
            """{ "warmup": 2, "retries": 1, "budget": { "evaluations": 2 } }""",
            Slurm,
            """{ "delayMilliseconds": 20000 }""");
        var folder = _temp.File("terminated");

        string running;
        using (var host = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, .. Common, manifest, "--out", folder], _temp.Path))
        {
            var log = RunLogs.Follow(host);
            running = await WaitForJobAsync(folder, running: true);

            var kill = await ProcessRunner.RunAsync("kill", ["-TERM", host.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], _temp.Path, TimeSpan.FromSeconds(10));
            Assert.Equal(0, kill.ExitCode);
            await host.WaitForExitAsync();
            host.WaitForExit(); // Flushes the redirected output.

            Assert.True(host.ExitCode == 143, $"exit {host.ExitCode}: " + string.Join('\n', log));
            Assert.Contains(log, l => l.Contains($"continue with: petridish run --resume {folder}", StringComparison.Ordinal));
        }

        // An evaluation takes 20 s and the host was stopped seconds into it: left alone, the job would
        // end COMPLETED; cancelled by the host, it ends CANCELLED.
        Assert.Equal("CANCELLED", await WaitForFinalStateAsync(running));
        Assert.DoesNotContain(RunFolders.Evaluations(folder), e => e.JobId == running && e.Status == EvaluationStatus.Completed);

        var resumed = await ProcessRunner.RunAsync(
            "dotnet", [RepoPaths.HostDll, .. Common, "--resume", folder], _temp.Path, TimeSpan.FromMinutes(4));
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        var completed = RunFolders.Evaluations(folder).Where(e => e.Status == EvaluationStatus.Completed).ToList();
        Assert.Equal(2, completed.Count);
        Assert.DoesNotContain(completed, e => e.JobId == running);
    }

    [Fact]
    public async Task Slurm_without_sbatch_is_a_clear_error_before_the_search_starts()
    {
        var bin = _temp.File("bin");
        Directory.CreateDirectory(bin);
        File.CreateSymbolicLink(Path.Combine(bin, "dotnet"), Path.Combine(Path.GetDirectoryName(Environment.ProcessPath!)!, "dotnet") is var near && File.Exists(near) ? near : "/usr/bin/dotnet");
        var manifest = Manifest("nosbatch.json", """{ "warmup": 2, "budget": { "evaluations": 2 } }""", Slurm);

        var result = await ProcessRunner.RunAsync(Path.Combine(bin, "dotnet"), [RepoPaths.HostDll, .. Common, manifest, "--out", _temp.File("nosbatch")], _temp.Path, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["PATH"] = bin });

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("$.executor: the slurm executor cannot be used: 'sbatch' could not be run", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("nosbatch/results.sqlite")));
    }

    [Fact]
    public async Task Slurm_with_a_controller_that_does_not_answer_is_a_clear_error_before_the_search_starts()
    {
        var conf = File.ReadAllText(Environment.GetEnvironmentVariable("SLURM_CONF")!);
        var dead = _temp.Write("dead.conf", System.Text.RegularExpressions.Regex.Replace(conf, @"SlurmctldPort=\d+", "SlurmctldPort=6999"));
        var manifest = Manifest("dead.json", """{ "warmup": 2, "budget": { "evaluations": 2 } }""", Slurm);

        var result = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, .. Common, manifest, "--out", _temp.File("dead")], _temp.Path, TimeSpan.FromMinutes(1), new Dictionary<string, string> { ["SLURM_CONF"] = dead });

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("the Slurm controller does not answer", result.Error, StringComparison.Ordinal);
    }

    private static IEnumerable<EvaluationRecord> Ordered(IEnumerable<EvaluationRecord> records) =>
        records.OrderBy(e => e.Iteration).ThenBy(e => e.Motif, StringComparer.Ordinal).ThenBy(e => e.Attempt);

    /// <summary>Waits until the job has left the queue (pending, running, completing) and returns its state.</summary>
    private static async Task<string> WaitForFinalStateAsync(string jobId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        var state = "";
        while (DateTime.UtcNow < deadline)
        {
            state = (await SlurmCluster.JobsAsync()).TryGetValue(jobId, out var job) ? job.State : "UNKNOWN";
            if (state is not ("PENDING" or "RUNNING" or "COMPLETING" or "CONFIGURING"))
            {
                return state;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"job {jobId} is still {state} after a minute");
    }

    /// <summary>Waits for a job of the run: one running (its id), or one completed.</summary>
    private static async Task<string> WaitForJobAsync(string runFolder, bool running)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline)
        {
            var scripts = Directory.Exists(Path.Combine(runFolder, "jobs"))
                ? Directory.EnumerateFiles(Path.Combine(runFolder, "jobs"), "*.sh").Select(Path.GetFileNameWithoutExtension).ToList()
                : [];
            var jobs = await SlurmCluster.JobsAsync();
            var ours = jobs.Where(j => scripts.Any(s => j.Value.Name == SlurmExecutor.JobNameFor(runFolder, s!))).ToList();
            var match = ours.FirstOrDefault(j => running ? j.Value.State == "RUNNING" : j.Value.State == "COMPLETED");
            if (match.Key is not null)
            {
                return match.Key;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"no {(running ? "running" : "completed")} job of {runFolder} appeared");
    }
}
