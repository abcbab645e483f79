using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using PetriDish.Abstractions;
using PetriDish.Host.Store;
using Polly;
using Polly.Retry;

namespace PetriDish.Host.Evaluation;

/// <summary>
/// Runs ground-truth evaluations through the store: a result already stored for the same
/// (configuration, motif, fidelity, seed) is reused; every new result is committed the moment it
/// exists; an evaluation that throws is recorded as failed with its error and retried per
/// <c>retries</c>.
/// </summary>
public sealed class GroundTruthService
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
        _evaluator = evaluator;
        _store = store;
        _sharedCache = sharedCache;
        _logger = logger;
        _retry = retries == 0
            ? ResiliencePipeline.Empty
            : new ResiliencePipelineBuilder()
                .AddRetry(new RetryStrategyOptions
                {
                    MaxRetryAttempts = retries,
                    Delay = TimeSpan.Zero,
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                })
                .Build();
    }

    public GroundTruthMetric Metric => _evaluator.Metric;

    /// <summary>
    /// The hash of the evaluator's configuration (data identity and recipe). Computing it may read the
    /// data; if that fails, the ground truth is unavailable and a failure is recorded once.
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

    /// <summary>The stored completed result for the request, if any (no training).</summary>
    public EvaluationRecord? FindCached(EvaluationRequest request) =>
        _store.FindCompleted(Configuration, request.Motif.Key, request.Fidelity.ToString(), request.Seed);

    /// <summary>Evaluates (or reuses) one motif; never throws for a failing evaluation, only for cancellation or an unavailable ground truth.</summary>
    public async Task<EvaluationOutcome> EvaluateAsync(EvaluationRequest request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
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

        if (_sharedCache?.FindCompleted(Configuration, request.Motif.Key, request.Fidelity.ToString(), request.Seed) is { } shared)
        {
            // Recorded in this store too, as measured for this request, so the run's own record is complete.
            var copy = _store.Add(shared with { Id = 0, Iteration = request.Iteration, Purpose = request.Purpose, Attempt = 1, JobId = null });
            return new EvaluationOutcome(request.Motif, copy, Cached: true);
        }

        var attempt = 0;
        EvaluationRecord? last = null;
        try
        {
            await _retry.ExecuteAsync(async token =>
            {
                attempt++;
                last = await AttemptAsync(request, attempt, progress, token).ConfigureAwait(false);
                if (last.Status == EvaluationStatus.Failed)
                {
                    throw new EvaluationFailedException(last.Error!);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (EvaluationFailedException)
        {
            // Recorded by AttemptAsync; the caller sees the failed outcome.
        }

        return new EvaluationOutcome(request.Motif, last!, Cached: false);
    }

    private async Task<EvaluationRecord> AttemptAsync(EvaluationRequest request, int attempt, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var configuration = Configuration;
        var clock = Stopwatch.StartNew();
        var record = new EvaluationRecord
        {
            Motif = request.Motif.Key,
            Configuration = configuration,
            Fidelity = request.Fidelity.ToString(),
            Seed = request.Seed,
            Status = EvaluationStatus.Completed,
            Metric = _evaluator.Metric.Name,
            Attempt = attempt,
            Iteration = request.Iteration,
            Purpose = request.Purpose,
        };
        try
        {
            var result = await _evaluator.EvaluateAsync(request.Motif, request.Fidelity, request.Seed, progress, cancellationToken).ConfigureAwait(false);
            if (!double.IsFinite(result.Value))
            {
                throw new InvalidOperationException($"the evaluator returned a non-finite value ({result.Value.ToString(CultureInfo.InvariantCulture)})");
            }

            var completed = record with
            {
                Value = result.Value,
                Details = result.Details is null ? null : JsonConvert.SerializeObject(result.Details.Where(d => double.IsFinite(d.Value)).ToDictionary()),
                Seconds = clock.Elapsed.TotalSeconds,
                FinishedAt = DateTimeOffset.UtcNow,
            };
            var stored = _store.Add(completed);
            _sharedCache?.Add(completed with { Iteration = null, Purpose = "shared" });
            return stored;
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not GroundTruthUnavailableException)
        {
            _logger.LogWarning("ground truth of {Motif} failed (attempt {Attempt}): {Error}", request.Motif.Key, attempt, ex.Message);
            return _store.Add(record with
            {
                Status = EvaluationStatus.Failed,
                Error = $"{ex.GetType().Name}: {ex.Message}",
                Seconds = clock.Elapsed.TotalSeconds,
                FinishedAt = DateTimeOffset.UtcNow,
            });
        }
    }

    private sealed class EvaluationFailedException(string message) : Exception(message);
}
