using System.Diagnostics;
using System.Globalization;
using PetriDish.Core.Evaluation;

namespace PetriDish.Core.Execution;

/// <summary>
/// The <c>local</c> executor with several workers: each evaluation runs in its own
/// <c>petridish evaluate</c> process on this machine, a bounded number at a time.
/// </summary>
internal sealed class ProcessExecutor(GroundTruthService groundTruth, WorkerLaunch launch, int workers)
    : JobExecutor(groundTruth, launch, workers, TimeSpan.FromMilliseconds(200))
{
    private const string Prefix = "pid-";
    private readonly Dictionary<string, Process> _processes = new(StringComparer.Ordinal);

    public override string Description => $"local, {MaxInFlight} worker processes";

    protected override string Kind => "local";

    public override async ValueTask DisposeAsync()
    {
        await CancelOutstandingAsync().ConfigureAwait(false);
        foreach (var process in _processes.Values)
        {
            process.Dispose();
        }

        _processes.Clear();
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override Task<string> SubmitAsync(string name, EvaluationRequest request, string resultPath, CancellationToken cancellationToken)
    {
        File.Delete(resultPath);
        var info = new ProcessStartInfo(WorkerLaunch.DotnetExecutable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in Launch.Arguments(request, resultPath))
        {
            info.ArgumentList.Add(argument);
        }

        var log = new StreamWriter(Launch.LogPath(name), append: false) { AutoFlush = true };
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start a worker process");
        var gate = new Lock();
        void Append(object? sender, DataReceivedEventArgs e)
        {
            if (e.Data is not null)
            {
                lock (gate)
                {
                    log.WriteLine(e.Data);
                }
            }
        }

        process.OutputDataReceived += Append;
        process.ErrorDataReceived += Append;
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) =>
        {
            process.WaitForExit(); // Drains the output events before the log closes.
            lock (gate)
            {
                log.Dispose();
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var id = Prefix + process.Id.ToString(CultureInfo.InvariantCulture);
        _processes[id] = process;
        return Task.FromResult(id);
    }

    protected override Task<IReadOnlyDictionary<string, JobState>> PollAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var states = new Dictionary<string, JobState>(StringComparer.Ordinal);
        foreach (var id in jobIds)
        {
            if (_processes.TryGetValue(id, out var process))
            {
                states[id] = !process.HasExited ? JobState.Waiting
                    : process.ExitCode == 0 ? JobState.Completed
                    : JobState.Failed($"worker exited with code {process.ExitCode}");
            }
            else if (IsAliveWorker(id))
            {
                states[id] = JobState.Waiting; // Started by a session that was killed; its result file will tell.
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, JobState>>(states);
    }

    protected override Task CancelAsync(IReadOnlyList<string> jobIds)
    {
        foreach (var id in jobIds)
        {
            if (_processes.TryGetValue(id, out var process) && !process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return Task.CompletedTask;
    }

    private static bool IsAliveWorker(string id)
    {
        var cmdline = Path.Combine("/proc", id[Prefix.Length..], "cmdline");
        return File.Exists(cmdline) && File.ReadAllText(cmdline).Contains("--result", StringComparison.Ordinal);
    }
}
