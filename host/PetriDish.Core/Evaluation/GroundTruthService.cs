using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using PetriDish.Abstractions;
using PetriDish.Core.Store;
using Polly;
using Polly.Retry;

namespace PetriDish.Core.Evaluation;

/// <summary>
/// Runs ground-truth evaluations through the store: a result already stored for the same
/// (configuration, motif, fidelity, seed) is reused; every new result is committed the moment it
/// exists; an evaluation that throws is recorded as failed with its error and retried per
/// <c>retries</c>. Executors that evaluate elsewhere (worker processes, a cluster) use
/// <see cref="TryReuse"/> and <see cref="Record"/> so that their results are stored the same way.
/// </summary>
internal sealed class GroundTruthService
{
    private readonly IGroundTruthEvaluator _evaluator;
    private readonly ResultsStore _store;
    private readonly ResultsStore? _sharedCache;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private string? _configuration;

    /// <param name="evaluator">The search space's ground truth.</param>
    /// <param name="store">Where results are committed (a run's database, or the evaluate cache).</param>
    /// <param name="retries">Retries of an evaluation that throws.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="sharedCache">
    /// Optionally a second store consulted before evaluating and given every new result: lets runs of
    /// the same ground truth (methods × seeds of an experiment) share what any of them measured.
    /// </param>
    public GroundTruthService(IGroundTruthEvaluator evaluator, ResultsStore store, int retries, ILogger logger, ResultsStore? sharedCache = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(retries);
        // A lookup in a table that failed fails again: retrying it would only repeat the record.
        retries = evaluator is ITabulatedGroundTruth ? 0 : retries;
        _evaluator = evaluator;
        _store = store;
        _sharedCache = sharedCache;
        _logger = logger;
        Retries = retries;
        _retry = retries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = retries,
                    Delay = TimeSpan.Zero,
                    ShouldHandle = new PredicateBuilder().Handle<EvaluationFailedException>(),
                })
                .Build();
    }

    public GroundTruthMetric Metric => _evaluator.Metric;

    /// <summary>How often a failed evaluation is tried again.</summary>
    public int Retries { get; }

    /// <summary>How long a run waits for another run's evaluation of the same motif before it trains the motif itself.</summary>
    public TimeSpan MaximumClaimWait { get; init; } = TimeSpan.FromHours(2);

    /// <summary>How often a waiting run looks for the other run's result.</summary>
    public TimeSpan ClaimPollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The run's (or cache's) database.</summary>
    public ResultsStore Store => _store;

    /// <summary>
    /// The hash of the evaluator's configuration (data identity and recipe). Computing it may read the
    /// data; if that fails, the ground truth is unavailable.
    /// </summary>
    public string Configuration
    {
        get
        {
            if (_configuration is not null)
            {
                return _configuration;
            }

            try
            {
                var key = _evaluator.ConfigurationKey;
                _configuration = _store.RegisterConfiguration(key);
                _sharedCache?.RegisterConfiguration(key);
                return _configuration;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or InvalidOperationException)
            {
                throw new GroundTruthUnavailableException($"the ground truth cannot run: {ex.Message}", ex);
            }
        }
    }

    /// <summary>The readable form of <see cref="Configuration"/> (the evaluator's data identity and recipe).</summary>
    public string ConfigurationKey => _evaluator.ConfigurationKey;

    /// <summary>The stored completed result for the request, if any (no training).</summary>
    public EvaluationRecord? FindCached(EvaluationRequest request) => FindIn(_store, request);

    private EvaluationRecord? FindIn(ResultsStore store, EvaluationRequest request) =>
        store.FindCompleted(Configuration, request.Motif.Key, request.Fidelity.ToString(), request.Seed);

    /// <summary>
    /// A result that needs no training: stored in this database, or in the shared cache (then copied
    /// here). If the ground truth is unavailable, records that failure once and throws.
    /// </summary>
    public EvaluationOutcome? TryReuse(EvaluationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        EvaluationRecord? cached;
        try
        {
            cached = FindCached(request);
        }
        catch (GroundTruthUnavailableException ex)
        {
            _store.Add(new EvaluationRecord
            {
                Motif = request.Motif.Key,
                Configuration = "unavailable",
                Fidelity = request.Fidelity.ToString(),
                Seed = request.Seed,
                Status = EvaluationStatus.Failed,
                Error = ex.Message,
                Iteration = request.Iteration,
                Purpose = request.Purpose,
            });
            throw;
        }

        if (cached is not null)
        {
            return new EvaluationOutcome(request.Motif, cached, Cached: true);
        }

        if (_sharedCache is not null && FindIn(_sharedCache, request) is { } shared)
        {
            // Recorded in this store too, as measured for this request, so the run's own record is complete.
            var copy = _store.Add(shared with { Id = 0, Iteration = request.Iteration, Purpose = request.Purpose, Attempt = 1, JobId = null });
            return new EvaluationOutcome(request.Motif, copy, Cached: true);
        }

        return null;
    }

    /// <summary>Evaluates (or reuses) one motif in this process; never throws for a failing evaluation, only for cancellation or an unavailable ground truth.</summary>
    public async Task<EvaluationOutcome> EvaluateAsync(EvaluationRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        if (TryReuse(request) is { } reused)
        {
            return reused;
        }

        if (_sharedCache is null)
        {
            return await TrainAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }

        if (await AwaitClaimAsync(request, progress, cancellationToken).ConfigureAwait(false) is { } theirs)
        {
            return theirs;
        }

        try
        {
            return await TrainAsync(request, progress, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ReleaseClaim(request);
        }
    }

    /// <summary>
    /// Claims the request in the shared cache for this process. While another live process holds the
    /// claim, waits (at most <see cref="MaximumClaimWait"/>) for its result, which is then reused;
    /// returns null once the claim is this process's (or the wait ran out: then it trains too).
    /// </summary>
    private async Task<EvaluationOutcome?> AwaitClaimAsync(EvaluationRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        ClaimOwner? announced = null;
        while (TryClaim(request) is { } holder)
        {
            if (holder != announced)
            {
                _logger.LogInformation("{Motif} is being evaluated by {Holder} (shared cache {Cache}); waiting for its result", request.Motif.Key, holder, _sharedCache!.Path);
                announced = holder;
            }

            progress?.Report(new ProgressUpdate(0, $"waiting for {holder}, which evaluates it for the shared cache"));
            if (clock.Elapsed > MaximumClaimWait)
            {
                _logger.LogWarning("{Motif}: waited {Minutes:F0} min for {Holder}; evaluating it here too", request.Motif.Key, clock.Elapsed.TotalMinutes, holder);
                return null;
            }

            await Task.Delay(ClaimPollInterval, cancellationToken).ConfigureAwait(false);
            if (TryReuse(request) is { } theirs)
            {
                return theirs;
            }
        }

        // Claimed: the other run may have finished between the last look and the claim.
        if (TryReuse(request) is { } finished)
        {
            ReleaseClaim(request);
            return finished;
        }

        return null;
    }

    /// <summary>
    /// Claims the request in the shared cache for this process: null once this process holds it (or
    /// there is no shared cache), else the live process that does. Executors that evaluate elsewhere
    /// claim before they submit, so two runs sharing a cache never train one motif twice.
    /// </summary>
    public ClaimOwner? TryClaim(EvaluationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _sharedCache?.TryClaim(Configuration, request.Motif.Key, request.Fidelity.ToString(), request.Seed, ClaimOwner.Current);
    }

    /// <summary>Gives up this process's claim of the request (nothing without a shared cache).</summary>
    public void ReleaseClaim(EvaluationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        _sharedCache?.ReleaseClaim(Configuration, request.Motif.Key, request.Fidelity.ToString(), request.Seed, ClaimOwner.Current);
    }

    private async Task<EvaluationOutcome> TrainAsync(EvaluationRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var attempt = 0;
        EvaluationRecord? last = null;
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                attempt++;
                last = Record(request, attempt, await AttemptAsync(request, progress, token).ConfigureAwait(false), jobId: null);
                if (last.Status == EvaluationStatus.Failed)
                {
                    throw new EvaluationFailedException(last.Error!);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (EvaluationFailedException)
        {
            // Recorded; the caller sees the failed outcome.
        }

        return new EvaluationOutcome(request.Motif, last!, Cached: false);
    }

    /// <summary>
    /// Commits the result of one attempt (evaluated here or elsewhere): completed with its value, or
    /// failed with its error; a completed one also goes to the shared cache.
    /// </summary>
    public EvaluationRecord Record(EvaluationRequest request, int attempt, WorkerResult result, string? jobId)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(result);
        var record = new EvaluationRecord
        {
            Motif = request.Motif.Key,
            Configuration = Configuration,
            Fidelity = request.Fidelity.ToString(),
            Seed = request.Seed,
            Status = EvaluationStatus.Completed,
            Metric = _evaluator.Metric.Name,
            Attempt = attempt,
            Iteration = request.Iteration,
            Purpose = request.Purpose,
            JobId = jobId,
            Seconds = result.Seconds,
            FinishedAt = DateTimeOffset.UtcNow,
        };
        var error = result.Error ?? (result.Value is { } v && !double.IsFinite(v)
            ? $"the evaluator returned a non-finite value ({v.ToString(CultureInfo.InvariantCulture)})"
            : result.Value is null ? "the evaluation produced no value" : null);
        if (error is not null)
        {
            _logger.LogWarning("ground truth of {Motif} failed (attempt {Attempt}): {Error}", request.Motif.Key, attempt, error);
            return _store.Add(record with { Status = EvaluationStatus.Failed, Error = error });
        }

        var completed = record with
        {
            Value = result.Value,
            Details = result.Details is null ? null : JsonConvert.SerializeObject(result.Details.Where(d => double.IsFinite(d.Value)).ToDictionary()),
        };
        var stored = _store.Add(completed);
        _sharedCache?.Add(completed with { Iteration = null, Purpose = "shared", JobId = null });
        return stored;
    }

    private async Task<WorkerResult> AttemptAsync(EvaluationRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        _ = Configuration; // An unavailable ground truth stops here, before anything is recorded as a motif's failure.
        var clock = Stopwatch.StartNew();
        var result = new WorkerResult { Motif = request.Motif.Key, Fidelity = request.Fidelity.ToString(), Seed = request.Seed };
        try
        {
            var evaluated = await _evaluator.EvaluateAsync(request.Motif, request.Fidelity, request.Seed, progress, cancellationToken).ConfigureAwait(false);
            return result with { Value = evaluated.Value, Metric = _evaluator.Metric.Name, Details = evaluated.Details, Seconds = clock.Elapsed.TotalSeconds };
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not GroundTruthUnavailableException)
        {
            return result with { Error = $"{ex.GetType().Name}: {ex.Message}", Seconds = clock.Elapsed.TotalSeconds };
        }
    }

    private sealed class EvaluationFailedException(string message) : Exception(message);
}
