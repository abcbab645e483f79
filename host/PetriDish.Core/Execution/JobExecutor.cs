using System.Diagnostics;
using PetriDish.Abstractions;
using PetriDish.Core.Evaluation;
using PetriDish.Core.Store;

namespace PetriDish.Core.Execution;

/// <summary>
/// Base of executors that evaluate in jobs outside this process (worker processes, cluster jobs): it
/// reuses stored results, reattaches to jobs a previous session left running, keeps at most
/// <c>maxInFlight</c> jobs submitted, polls them, records each result the moment it is collected
/// (with its job id), resubmits failures per the retry setting, and cancels what is outstanding when
/// the run is cancelled. With a shared cache it claims each motif before submitting it; a motif another
/// run is evaluating waits for that run's result (at most <see cref="GroundTruthService.MaximumClaimWait"/>).
/// </summary>
internal abstract class JobExecutor : IEvaluationExecutor
{
    private readonly GroundTruthService _groundTruth;
    private readonly HashSet<string> _outstanding = new(StringComparer.Ordinal);

    protected JobExecutor(GroundTruthService groundTruth, WorkerLaunch launch, int maxInFlight, TimeSpan pollInterval)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInFlight, 1);
        _groundTruth = groundTruth;
        Launch = launch;
        MaxInFlight = maxInFlight;
        PollInterval = pollInterval;
        Directory.CreateDirectory(launch.JobsFolder);
    }

    public abstract string Description { get; }

    /// <summary>The executor's name in the jobs table (<c>slurm</c>, <c>local</c>).</summary>
    protected abstract string Kind { get; }

    protected WorkerLaunch Launch { get; }

    protected int MaxInFlight { get; }

    protected TimeSpan PollInterval { get; }

    private ResultsStore Store => _groundTruth.Store;

    public async Task<IReadOnlyList<EvaluationOutcome>> EvaluateAsync(IReadOnlyList<EvaluationRequest> requests, IProgress<(int Index, ProgressUpdate Update)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var outcomes = new EvaluationOutcome?[requests.Count];
        var waiting = new Queue<(int Index, int Attempt)>();
        var running = new List<RunningJob>();
        var elsewhere = new List<ClaimedElsewhere>();
        var claimed = new HashSet<int>();
        var open = Store.OpenJobs(Kind).Where(j => j.Configuration == _groundTruth.Configuration).ToList();
        for (var i = 0; i < requests.Count; i++)
        {
            if (_groundTruth.TryReuse(requests[i]) is { } reused)
            {
                outcomes[i] = reused;
                continue;
            }

            var request = requests[i];
            var previous = open.LastOrDefault(j => j.Motif == request.Motif.Key && j.Fidelity == request.Fidelity.ToString() && j.Seed == request.Seed);
            if (previous is not null)
            {
                // Submitted before this session: wait for it instead of submitting it again.
                running.Add(new RunningJob(i, previous.Attempt, previous.JobId, previous.ResultPath));
                _outstanding.Add(previous.JobId);
                if (_groundTruth.TryClaim(request) is null)
                {
                    claimed.Add(i); // The killed session's claim is stale: this one takes it over.
                }
            }
            else
            {
                waiting.Enqueue((i, 1));
            }
        }

        try
        {
            while (waiting.Count > 0 || running.Count > 0 || elsewhere.Count > 0)
            {
                while (waiting.Count > 0 && running.Count < MaxInFlight)
                {
                    var (index, attempt) = waiting.Dequeue();
                    if (attempt == 1 && !claimed.Contains(index) && _groundTruth.TryClaim(requests[index]) is { } holder)
                    {
                        elsewhere.Add(new ClaimedElsewhere(index, Stopwatch.StartNew()));
                        progress?.Report((index, new ProgressUpdate(0, $"waiting for {holder}, which evaluates it for the shared cache")));
                        continue;
                    }

                    if (claimed.Add(index) && _groundTruth.TryReuse(requests[index]) is { } finished)
                    {
                        // The other run finished between the first look and the claim.
                        outcomes[index] = finished;
                        Release(requests[index], index, claimed);
                        continue;
                    }

                    var name = WorkerLaunch.JobName(requests[index], attempt);
                    var resultPath = Launch.ResultPath(name);
                    var jobId = await SubmitAsync(name, requests[index], resultPath, cancellationToken).ConfigureAwait(false);
                    Store.AddJob(new JobRecord(jobId, Kind, _groundTruth.Configuration, requests[index].Motif.Key, requests[index].Fidelity.ToString(), requests[index].Seed, attempt, resultPath));
                    _outstanding.Add(jobId);
                    running.Add(new RunningJob(index, attempt, jobId, resultPath));
                    progress?.Report((index, new ProgressUpdate(0, $"job {jobId} submitted (attempt {attempt})")));
                }

                await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
                foreach (var other in elsewhere.ToList())
                {
                    if (_groundTruth.TryReuse(requests[other.Index]) is { } theirs)
                    {
                        elsewhere.Remove(other);
                        outcomes[other.Index] = theirs;
                        progress?.Report((other.Index, new ProgressUpdate(1, "evaluated by another run")));
                    }
                    else if (other.Waiting.Elapsed > _groundTruth.MaximumClaimWait)
                    {
                        elsewhere.Remove(other);
                        claimed.Add(other.Index); // Not ours, but waited long enough: evaluated here too.
                        waiting.Enqueue((other.Index, 1));
                    }
                    else if (_groundTruth.TryClaim(requests[other.Index]) is null)
                    {
                        elsewhere.Remove(other); // Ours now (the other run died or gave up): submitted next.
                        waiting.Enqueue((other.Index, 1));
                    }
                }

                var states = running.Count == 0
                    ? new Dictionary<string, JobState>()
                    : await PollAsync([.. running.Select(j => j.JobId)], cancellationToken).ConfigureAwait(false);
                foreach (var job in running.ToList())
                {
                    var state = states.GetValueOrDefault(job.JobId) ?? Vanished(job);
                    if (!state.Finished)
                    {
                        continue;
                    }

                    running.Remove(job);
                    var record = _groundTruth.Record(requests[job.Index], job.Attempt, Collect(requests[job.Index], job, state), job.JobId);
                    Store.CloseJob(job.JobId, cancelled: false);
                    _outstanding.Remove(job.JobId);
                    if (record.Status == EvaluationStatus.Failed && state.Retryable && job.Attempt <= _groundTruth.Retries)
                    {
                        waiting.Enqueue((job.Index, job.Attempt + 1));
                    }
                    else
                    {
                        outcomes[job.Index] = new EvaluationOutcome(requests[job.Index].Motif, record, Cached: false);
                        Release(requests[job.Index], job.Index, claimed);
                        progress?.Report((job.Index, new ProgressUpdate(1, $"job {job.JobId} done")));
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
            await CancelOutstandingAsync().ConfigureAwait(false);
            throw;
        }
        finally
        {
            foreach (var index in claimed.ToList())
            {
                Release(requests[index], index, claimed);
            }
        }

        return [.. outcomes.Select(o => o!)];
    }

    /// <summary>Cancels every job this executor submitted or reattached to and has not collected.</summary>
    public async Task CancelOutstandingAsync()
    {
        if (_outstanding.Count == 0)
        {
            return;
        }

        var ids = _outstanding.ToList();
        await CancelAsync(ids).ConfigureAwait(false);
        foreach (var id in ids)
        {
            Store.CloseJob(id, cancelled: true);
        }

        _outstanding.Clear();
    }

    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Starts a job that runs <see cref="WorkerLaunch.Arguments"/>, or adopts one of the same name a
    /// killed session left running; returns its id. A new job first removes a stale result file; an
    /// adopted one must not (it may already have written its result: deleting it here once made a
    /// finished job look as if it had left no result).
    /// </summary>
    protected abstract Task<string> SubmitAsync(string name, EvaluationRequest request, string resultPath, CancellationToken cancellationToken);

    /// <summary>The state of each job; a job the executor no longer knows may be left out.</summary>
    protected abstract Task<IReadOnlyDictionary<string, JobState>> PollAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken);

    /// <summary>Stops jobs.</summary>
    protected abstract Task CancelAsync(IReadOnlyList<string> jobIds);

    /// <summary>The tail of a job's log, to explain a failure.</summary>
    private static string Tail(string path, int lines = 5)
    {
        if (!File.Exists(path))
        {
            return "";
        }

        var tail = File.ReadLines(path).Where(l => l.Trim().Length > 0).TakeLast(lines).ToList();
        return tail.Count == 0 ? "" : " — " + string.Join(" | ", tail);
    }

    /// <summary>A job the executor has forgotten: its result file decides whether it finished.</summary>
    private static JobState Vanished(RunningJob job) =>
        File.Exists(job.ResultPath) ? JobState.Completed : JobState.Failed($"job {job.JobId} is no longer known and left no result");

    private WorkerResult Collect(EvaluationRequest request, RunningJob job, JobState state)
    {
        var result = WorkerResult.Read(job.ResultPath);
        if (result is not null && (state.Failure is null || result.Error is not null))
        {
            return result;
        }

        var failure = state.Failure ?? "finished without a result file";
        return new WorkerResult
        {
            Motif = request.Motif.Key,
            Fidelity = request.Fidelity.ToString(),
            Seed = request.Seed,
            Error = $"{Kind} job {job.JobId}: {failure}{Tail(LogPathOf(job))}",
        };
    }

    /// <summary>A job's log, named like its result file (a reattached job is known only by that file).</summary>
    private string LogPathOf(RunningJob job) => Launch.LogPath(Path.GetFileNameWithoutExtension(job.ResultPath));

    private void Release(EvaluationRequest request, int index, HashSet<int> claimed)
    {
        if (claimed.Remove(index))
        {
            _groundTruth.ReleaseClaim(request);
        }
    }

    private sealed record RunningJob(int Index, int Attempt, string JobId, string ResultPath);

    /// <summary>A motif another run claimed in the shared cache, and how long this one has waited for it.</summary>
    private sealed record ClaimedElsewhere(int Index, Stopwatch Waiting);
}
