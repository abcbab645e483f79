using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PetriDish.Core.Evaluation;

namespace PetriDish.Core.Execution;

/// <summary>
/// The <c>slurm</c> executor: every ground-truth evaluation is a Slurm job (<c>sbatch --parsable</c>)
/// running <c>petridish evaluate</c> in worker mode; job states come from <c>scontrol show job -o</c>
/// (polled: <c>sbatch --wait</c> backs off too slowly), cancellation is <c>scancel</c>.
/// </summary>
internal sealed partial class SlurmExecutor(GroundTruthService groundTruth, WorkerLaunch launch, SlurmExecutorSettings settings, string runFolder)
    : JobExecutor(groundTruth, launch, settings.MaxJobsInFlight, TimeSpan.FromSeconds(settings.PollSeconds))
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(30);
    private static readonly HashSet<string> Running = ["PENDING", "CONFIGURING", "RUNNING", "COMPLETING", "SUSPENDED", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESIZING", "SIGNALING", "STAGE_OUT", "RESV_DEL_HOLD"];

    public override string Description => $"slurm{(settings.Partition is null ? "" : $" (partition {settings.Partition})")}, up to {MaxInFlight} jobs";

    protected override string Kind => "slurm";

    /// <summary>Checks, before a search starts, that the Slurm commands exist and the controller answers; returns the problem or null.</summary>
    public static async Task<string?> CheckClusterAsync(CancellationToken cancellationToken)
    {
        try
        {
            var version = await ExternalCommand.RunAsync("sbatch", ["--version"], CommandTimeout, cancellationToken).ConfigureAwait(false);
            if (version.ExitCode != 0)
            {
                return $"'sbatch --version' failed: {version.Error.Trim()}";
            }

            var ping = await ExternalCommand.RunAsync("scontrol", ["ping"], CommandTimeout, cancellationToken).ConfigureAwait(false);
            return ping.ExitCode == 0 && ping.Output.Contains("UP", StringComparison.Ordinal)
                ? null
                : $"the Slurm controller does not answer ('scontrol ping': {(ping.Output + ping.Error).Trim()})";
        }
        catch (Exception ex) when (ex is InvalidOperationException or TimeoutException)
        {
            return ex.Message;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await CancelOutstandingAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override async Task<string> SubmitAsync(string name, EvaluationRequest request, string resultPath, CancellationToken cancellationToken)
    {
        // A session killed between sbatch and recording the job id leaves a job nobody knows; its
        // name (unique to this run, request and attempt) finds it again instead of submitting twice.
        if (await FindByNameAsync(JobName(name), cancellationToken).ConfigureAwait(false) is { } adopted)
        {
            return adopted;
        }

        File.Delete(resultPath);
        var script = Path.Combine(Launch.JobsFolder, name + ".sh");
        await File.WriteAllTextAsync(script, Script(name, request, resultPath), cancellationToken).ConfigureAwait(false);
        var (exitCode, output, error) = await ExternalCommand.RunAsync("sbatch", ["--parsable", script], CommandTimeout, cancellationToken).ConfigureAwait(false);
        var id = output.Trim().Split(';')[0];
        return exitCode == 0 && id.Length > 0 && id.All(char.IsAsciiDigit)
            ? id
            : throw new InvalidOperationException($"sbatch refused {script} (exit code {exitCode}): {error.Trim()}{output.Trim()}");
    }

    protected override async Task<IReadOnlyDictionary<string, JobState>> PollAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        var (exitCode, output, error) = await ExternalCommand.RunAsync("scontrol", ["show", "job", "-o"], CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"'scontrol show job -o' failed: {error.Trim()}");
        }

        var wanted = jobIds.ToHashSet(StringComparer.Ordinal);
        var states = new Dictionary<string, JobState>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var id = JobId().Match(line);
            if (!id.Success || !wanted.Contains(id.Groups[1].Value))
            {
                continue;
            }

            var state = StateOf().Match(line).Groups[1].Value;
            var exit = ExitCodeOf().Match(line);
            states[id.Groups[1].Value] = state switch
            {
                "COMPLETED" => JobState.Completed,
                _ when Running.Contains(state) => JobState.Waiting,
                "CANCELLED" => JobState.Failed("CANCELLED (scancel or the administrator)", retryable: false),
                "TIMEOUT" => JobState.Failed($"TIMEOUT (time limit {settings.TimeLimit ?? "of the partition"})"),
                "FAILED" => JobState.Failed($"FAILED, exit code {(exit.Success ? exit.Groups[1].Value : "?")}"),
                _ => JobState.Failed(state.Length == 0 ? "unknown state" : state),
            };
        }

        return states;
    }

    protected override async Task CancelAsync(IReadOnlyList<string> jobIds)
    {
        if (jobIds.Count > 0)
        {
            await ExternalCommand.RunAsync("scancel", jobIds, CommandTimeout).ConfigureAwait(false);
        }
    }

    /// <summary>The Slurm job name of a request's job in a run: unique to the run folder, the request and the attempt.</summary>
    public static string JobNameFor(string runFolder, string name) =>
        $"petridish-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(runFolder))))[..8]}-{name}";

    private string JobName(string name) => JobNameFor(runFolder, name);

    private async Task<string?> FindByNameAsync(string jobName, CancellationToken cancellationToken)
    {
        var (exitCode, output, _) = await ExternalCommand.RunAsync("scontrol", ["show", "job", "-o"], CommandTimeout, cancellationToken).ConfigureAwait(false);
        if (exitCode != 0)
        {
            return null;
        }

        return output.Split('\n')
            .Where(line => line.Contains($" JobName={jobName} ", StringComparison.Ordinal))
            .Select(line => (Id: JobId().Match(line).Groups[1].Value, State: StateOf().Match(line).Groups[1].Value))
            .Where(job => job.State is "COMPLETED" || Running.Contains(job.State))
            .Select(job => job.Id)
            .LastOrDefault();
    }

    private string Script(string name, EvaluationRequest request, string resultPath)
    {
        var text = new StringBuilder("#!/bin/bash\n");
        void Option(string option) => text.Append("#SBATCH ").Append(option).Append('\n');
        Option($"--job-name={JobName(name)}");
        Option($"--output={Launch.LogPath(name)}");
        Option($"--chdir={settings.WorkingDirectory ?? runFolder}");
        Option(string.Create(CultureInfo.InvariantCulture, $"--cpus-per-task={settings.Cpus}"));
        if (settings.Partition is { } partition)
        {
            Option($"--partition={partition}");
        }

        if (settings.TimeLimit is { } time)
        {
            Option($"--time={time}");
        }

        if (settings.Memory is { } memory)
        {
            Option($"--mem={memory}");
        }

        if (settings.Gpus is { } gpus)
        {
            Option($"--gres={gpus}");
        }

        foreach (var extra in settings.ExtraArguments)
        {
            Option(extra);
        }

        text.Append("export OMP_WAIT_POLICY=PASSIVE\n");
        text.Append("exec ").Append(Quote(WorkerLaunch.DotnetExecutable));
        foreach (var argument in Launch.Arguments(request, resultPath))
        {
            text.Append(' ').Append(Quote(argument));
        }

        return text.Append('\n').ToString();
    }

    private static string Quote(string argument) => "'" + argument.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"\bJobId=(\d+)")]
    private static partial Regex JobId();

    [GeneratedRegex(@"\bJobState=(\S+)")]
    private static partial Regex StateOf();

    [GeneratedRegex(@"\bExitCode=(\d+):(\d+)")]
    private static partial Regex ExitCodeOf();
}
