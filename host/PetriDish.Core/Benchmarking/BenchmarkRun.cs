using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PetriDish.Core.Execution;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;

namespace PetriDish.Core.Benchmarking;

/// <summary>
/// Runs a benchmark: its searches in this process (one job) or in worker processes (several), each
/// worker taking the next open search; then reads every run into the outputs. A benchmark killed at
/// any point resumes: finished searches are kept, interrupted ones resume from their stores.
/// </summary>
internal static class BenchmarkRun
{
    /// <summary>Runs the open searches with <paramref name="jobs"/> parallel workers, then writes the outputs; returns the report's table.</summary>
    public static async Task<BenchmarkReport> ExecuteAsync(BenchmarkPlan plan, BenchmarkFolder folder, int jobs, ManifestLoader loader, IReadOnlyList<string> pluginFolders, ILoggerFactory loggerFactory, IProgressSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(sink);
        var total = plan.Arms.Count * plan.Seeds;
        int Done() => plan.Searches.Count(s => folder.IsFinished(s.Arm.Name, s.Seed));
        sink.Line($"benchmark: {plan.Arms.Count} arms × {plan.Seeds} seeds = {total} searches of {plan.Evaluations} evaluations; {Done()} already finished; {jobs} job{(jobs == 1 ? "" : "s")}; folder {folder.Path}");
        var started = Stopwatch.StartNew();
        void Report() => sink.Update((double)Done() / total, string.Create(CultureInfo.InvariantCulture, $"{Done()}/{total} searches (arms × seeds) done; {started.Elapsed.TotalMinutes:F1} min"));
        if (jobs <= 1)
        {
            var progress = new ProgressLines(sink, Report);
            await BenchmarkWorker.RunAsync(plan, folder, loader, pluginFolders, loggerFactory, progress, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await RunWorkersAsync(folder, jobs, pluginFolders, Report, cancellationToken).ConfigureAwait(false);
        }

        var unfinished = plan.Searches.Where(s => !folder.IsFinished(s.Arm.Name, s.Seed)).ToList();
        if (unfinished.Count > 0)
        {
            throw new InvalidOperationException($"{unfinished.Count} of {total} searches did not finish (first: {unfinished[0].Arm.Name} seed {unfinished[0].Seed}; see {folder.WorkersFolder}); 'petridish benchmark --resume {folder.Path}' continues them");
        }

        sink.Update(1, "reading the runs");
        var results = BenchmarkResults.Read(plan, folder);
        return BenchmarkReport.Write(plan, results, folder.Path);
    }

    private static async Task RunWorkersAsync(BenchmarkFolder folder, int jobs, IReadOnlyList<string> pluginFolders, Action report, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder.WorkersFolder);
        var workers = new List<(Process Process, string Log)>();
        try
        {
            for (var w = 1; w <= jobs; w++)
            {
                var log = Path.Combine(folder.WorkersFolder, string.Create(CultureInfo.InvariantCulture, $"worker-{w}.log"));
                var info = new ProcessStartInfo(WorkerLaunch.DotnetExecutable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
                info.ArgumentList.Add(WorkerLaunch.HostAssembly);
                foreach (var plugins in pluginFolders)
                {
                    info.ArgumentList.Add("--plugins");
                    info.ArgumentList.Add(plugins);
                }

                info.ArgumentList.Add("benchmark");
                info.ArgumentList.Add("--worker");
                info.ArgumentList.Add(folder.Path);
                var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a benchmark worker");
                var writer = new StreamWriter(log, append: true) { AutoFlush = true };
                process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
                process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (writer) { writer.WriteLine(e.Data); } } };
                process.Exited += (_, _) => { lock (writer) { writer.Dispose(); } };
                process.EnableRaisingEvents = true;
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                workers.Add((process, log));
            }

            while (workers.Any(w => !w.Process.HasExited))
            {
                report();
                await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
            }

            report();
            var failed = workers.Where(w => w.Process.ExitCode != 0).ToList();
            if (failed.Count > 0)
            {
                throw new InvalidOperationException($"{failed.Count} of {jobs} workers failed (exit {failed[0].Process.ExitCode}; see {failed[0].Log}): {LastLines(failed[0].Log)}");
            }
        }
        finally
        {
            foreach (var (process, _) in workers)
            {
                if (!process.HasExited)
                {
                    // Every evaluation is committed as it finishes: a killed worker's search resumes from its store.
                    process.Kill(entireProcessTree: true);
                    await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                }

                process.Dispose();
            }
        }
    }

    private static string LastLines(string log)
    {
        try
        {
            return string.Join(" | ", File.ReadLines(log).TakeLast(3));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

    /// <summary>Passes lines on and refreshes the overall progress after each (a finished search).</summary>
    private sealed class ProgressLines(IProgressSink inner, Action report) : IProgressSink
    {
        public void Update(double fraction, string status) => report();

        public void Line(string message)
        {
            inner.Line(message);
            report();
        }
    }
}
