using System.Diagnostics;
using System.Globalization;
using Newtonsoft.Json;
using PetriDish.Abstractions;
using PetriDish.Core.Evaluation;
using PetriDish.Core.Execution;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;
using PetriDish.Core.Progress;
using PetriDish.Core.Store;
using PetriDish.Sdk;

namespace PetriDish.Core.Search;

/// <summary>
/// Surrogate-assisted search (paper Fig. 2b, Algorithm 1): warm-up ground truth, then per iteration the
/// optimizer proposes candidates, the surrogate (re)fits on all ground truth so far and ranks them, and
/// the top k (plus optional random ones) get a ground-truth evaluation. Without a surrogate the
/// optimizer's proposals are evaluated directly.
/// </summary>
/// <remarks>
/// Resumable at any moment: every evaluation is committed as it finishes, and after each iteration the
/// loop and optimizer states are checkpointed (the surrogate's right after it is fitted). A resumed run
/// recomputes the interrupted iteration from the checkpoint, which yields the same proposals, so its
/// finished evaluations are found in the store instead of being run again.
/// </remarks>
internal sealed class SearchLoop
{
    /// <summary>The stored purpose of the warm-up's ground-truth evaluations.</summary>
    public const string WarmupPurpose = "warmup";

    /// <summary>The stored purpose of the ground-truth evaluations chosen by the search after the warm-up.</summary>
    public const string SearchPurpose = "search";

    /// <summary>The stored purpose of low-fidelity evaluations an optimizer screens with.</summary>
    public const string ScreeningPurpose = "screening";

    private const string LoopComponent = "loop";
    private const string OptimizerComponent = "optimizer";
    private const string SurrogateComponent = "surrogate";

    private readonly SearchOptions _options;
    private readonly int _groundTruthSeed;
    private readonly SearchComponents _components;
    private readonly SearchSpaceGuard _guard;
    private readonly GroundTruthService _groundTruth;
    private readonly IEvaluationExecutor _executor;
    private readonly ResultsStore _store;
    private readonly IProgressSink _sink;
    private readonly Stopwatch _session = new();
    private DeterministicRandom _random;
    private double _elapsedBefore;
    private double _surrogateSeconds;
    private bool _surrogateCurrent;

    public SearchLoop(ValidatedManifest manifest, SearchComponents components, GroundTruthService groundTruth, IEvaluationExecutor executor, ResultsStore store, IProgressSink sink)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        _options = manifest.Manifest.Search;
        _groundTruthSeed = manifest.Manifest.GroundTruthSeed;
        _components = components;
        _guard = new SearchSpaceGuard(components.Space, components.SpaceId);
        _groundTruth = groundTruth;
        _executor = executor;
        _store = store;
        _sink = sink;
        _random = new DeterministicRandom(Seeds.Derive(manifest.Manifest.Seed, "search-loop"));
    }

    private GroundTruthMetric Metric => _groundTruth.Metric;

    private ISearchSpace Space => _components.Space;

    /// <summary>Runs (or resumes) the search until a budget or the target stops it.</summary>
    public async Task<SearchOutcome> RunAsync(CancellationToken cancellationToken)
    {
        _session.Start();
        var iteration = Restore();
        if (iteration > 0 && _store.LatestCheckpoint(LoopComponent) is { } finished && Read(finished.State).StopReason is { } done)
        {
            return Outcome(iteration - 1, done);
        }

        if (iteration > 0)
        {
            _sink.Line($"resuming after iteration {iteration - 1}: {Spent()} ground-truth evaluations already stored");
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (StopReason(iteration) is { } reason)
            {
                Checkpoint(iteration - 1, reason);
                _sink.Update(1, reason);
                return Outcome(iteration - 1, reason);
            }

            var selected = iteration == 0 ? WarmupMotifs() : await SelectAsync(iteration, cancellationToken).ConfigureAwait(false);
            if (selected.Count == 0)
            {
                const string exhausted = "the optimizer has no new motifs to propose";
                Checkpoint(iteration - 1, exhausted);
                return Outcome(iteration - 1, exhausted);
            }

            var outcomes = await EvaluateAsync(iteration, selected, cancellationToken).ConfigureAwait(false);
            _components.Optimizer.Observe([.. outcomes.Where(o => o.Succeeded).Select(o => new Observation(o.Motif, Metric.ToScore(o.Value)))]);
            Checkpoint(iteration, null);
            ReportIteration(iteration, outcomes);
            iteration++;
        }
    }

    private int Restore()
    {
        if (_store.LatestCheckpoint(LoopComponent) is not { } checkpoint)
        {
            return 0;
        }

        var state = Read(checkpoint.State);
        _random.State = state.Random;
        _elapsedBefore = state.ElapsedSeconds;
        _surrogateSeconds = state.SurrogateSeconds;
        if (_store.Checkpoint(OptimizerComponent, state.Iteration) is { } optimizer)
        {
            using var stream = new MemoryStream(optimizer);
            _components.Optimizer.Load(stream);
        }

        return state.Iteration + 1;
    }

    private List<IMotif> WarmupMotifs()
    {
        var listed = _options.WarmupMotifs.Select(Space.Parse).DistinctBy(m => m.Key).ToList();
        var random = MotifSampler.SampleDistinct(Space, _random, Math.Max(0, _options.Warmup - listed.Count), key => listed.Any(m => m.Key == key));
        foreach (var motif in random)
        {
            _guard.RequireOwnKey(motif, "its own Sample (the warm-up)");
        }

        return [.. listed.Concat(random).Take(RemainingAt(0))];
    }

    private async Task<List<IMotif>> SelectAsync(int iteration, CancellationToken cancellationToken)
    {
        var known = Full().Where(r => r.Iteration < iteration).Select(r => r.Motif).ToHashSet(StringComparer.Ordinal);
        var context = new OptimizerContext(iteration, known, this, cancellationToken);
        var surrogate = _components.Surrogate;
        var wanted = surrogate is null ? _options.EvaluationsPerIteration : _options.Candidates;
        var proposals = Validate(await _components.Optimizer.ProposeAsync(wanted, context, cancellationToken).ConfigureAwait(false), known);

        List<IMotif> ranked;
        var observations = Observations(iteration);
        if (surrogate is not null && proposals.Count > 0 && observations.Count >= surrogate.MinimumObservations)
        {
            _guard.CheckEncodings(observations.Select(o => o.Motif).Concat(proposals));
            var started = Stopwatch.GetTimestamp();
            var scores = FitAndPredict(surrogate, iteration, observations, proposals, cancellationToken);
            _surrogateSeconds += Stopwatch.GetElapsedTime(started).TotalSeconds;
            ranked = [.. Enumerable.Range(0, proposals.Count).OrderByDescending(i => double.IsFinite(scores[i]) ? scores[i] : double.NegativeInfinity).ThenBy(i => i).Select(i => proposals[i])];
        }
        else
        {
            if (surrogate is not null)
            {
                _sink.Line($"iteration {iteration}: only {observations.Count} observations, fewer than the surrogate needs ({surrogate.MinimumObservations}); taking the optimizer's order");
            }

            ranked = [.. proposals];
        }

        var chosen = ranked.Take(_options.EvaluationsPerIteration).ToList();
        var rest = ranked.Skip(chosen.Count).ToList();
        for (var e = 0; e < _options.ExplorationPerIteration && rest.Count > 0; e++)
        {
            var pick = _random.Next(rest.Count);
            chosen.Add(rest[pick]);
            rest.RemoveAt(pick);
        }

        return [.. chosen.Take(RemainingAt(iteration))];
    }

    private double[] FitAndPredict(ISurrogate surrogate, int iteration, List<Observation> observations, IReadOnlyList<IMotif> proposals, CancellationToken cancellationToken)
    {
        if (_store.Checkpoint(SurrogateComponent, iteration) is { } saved)
        {
            using var stream = new MemoryStream(saved);
            surrogate.Load(stream);
        }
        else
        {
            // A surrogate that continues from its previous fit (the dish's warmStart): a resumed run hands
            // it the state an uninterrupted one would have had in memory.
            if (surrogate.ContinuesFromPreviousFit && !_surrogateCurrent && LatestSurrogateBefore(iteration) is { } previous)
            {
                using var stream = new MemoryStream(previous);
                surrogate.Load(stream);
            }

            var progress = new InlineProgress<ProgressUpdate>(p => _sink.Update(Fraction(), $"iteration {iteration}: fitting {_components.SurrogateName}: {p.Message}"));
            try
            {
                var report = surrogate.Fit(observations, progress, cancellationToken);
                if (report.Summary is { } summary)
                {
                    _sink.Line($"iteration {iteration}: {_components.SurrogateName}: {summary}");
                }

                foreach (var warning in report.Warnings)
                {
                    _sink.Line($"iteration {iteration}: {_components.SurrogateName}: {warning}");
                }
            }
            catch (ArgumentException ex)
            {
                _sink.Line($"iteration {iteration}: {_components.SurrogateName} cannot fit ({ex.Message}); taking the optimizer's order");
                return [.. proposals.Select((_, i) => -(double)i)];
            }

            using var saving = new MemoryStream();
            surrogate.Save(saving);
            _store.SaveCheckpoint(iteration, SurrogateComponent, saving.ToArray());
        }

        _surrogateCurrent = true;

        _sink.Update(Fraction(), $"iteration {iteration}: {_components.SurrogateName} ranks {proposals.Count} candidates");
        var scores = surrogate.Predict(proposals, cancellationToken).ToArray();
        _store.ReplacePredictions(iteration, _components.SurrogateName!, [.. proposals.Select((m, i) => new PredictionRecord(iteration, _components.SurrogateName!, m.Key, scores[i]))]);
        return scores;
    }

    private byte[]? LatestSurrogateBefore(int iteration)
    {
        for (var earlier = iteration - 1; earlier > 0; earlier--)
        {
            if (_store.Checkpoint(SurrogateComponent, earlier) is { } state)
            {
                return state;
            }
        }

        return null;
    }

    private List<IMotif> Validate(IReadOnlyList<IMotif> proposals, HashSet<string> known)
    {
        var valid = new List<IMotif>();
        foreach (var motif in proposals)
        {
            IMotif parsed;
            try
            {
                parsed = Space.Parse(motif.Key);
            }
            catch (MotifFormatException ex)
            {
                // An optimizer may build motifs itself, so a refused key is first its fault; the hint
                // covers the other case (its motif came from the space's own Sample or Mutate).
                throw new InvalidOperationException($"optimizer '{_components.OptimizerId}' proposed an invalid motif: {ex.Message} (if the optimizer took it from the search space's Sample or Mutate, the space's keys do not parse back: petridish check tests it)", ex);
            }

            // A key that parses to another motif is the space's own inconsistency, whoever proposed it.
            _guard.RequireSameKey(motif, parsed, $"optimizer '{_components.OptimizerId}'");

            if (!known.Contains(parsed.Key) && valid.All(v => v.Key != parsed.Key))
            {
                valid.Add(parsed);
            }
        }

        return valid;
    }

    private async Task<IReadOnlyList<EvaluationOutcome>> EvaluateAsync(int iteration, List<IMotif> motifs, CancellationToken cancellationToken)
    {
        var purpose = iteration == 0 ? WarmupPurpose : SearchPurpose;

        // An iteration resumed after an interruption: an evaluation that had already failed for good in
        // it (every attempt spent) keeps its record and is not tried again, as in an uninterrupted run.
        // Completed ones are reused by the ground-truth service itself.
        var finalFailures = Full()
            .Where(r => r.Iteration == iteration && r.Status == EvaluationStatus.Failed && r.Attempt > _groundTruth.Retries)
            .GroupBy(r => r.Motif)
            .ToDictionary(g => g.Key, g => new EvaluationOutcome(motifs.First(m => m.Key == g.Key), g.Last(), Cached: true), StringComparer.Ordinal);
        var pending = motifs.Where(m => !finalFailures.ContainsKey(m.Key)).ToList();
        var requests = pending.Select(m => new EvaluationRequest(m, Fidelity.Full, _groundTruthSeed, iteration, purpose)).ToList();
        var progress = new InlineProgress<(int Index, ProgressUpdate Update)>(p =>
            _sink.Update(Fraction(), $"iteration {iteration}: {pending[p.Index].Key} ({p.Index + 1}/{pending.Count}): {p.Update.Message}"));
        var evaluated = await _executor.EvaluateAsync(requests, progress, cancellationToken).ConfigureAwait(false);
        var byMotif = evaluated.ToDictionary(o => o.Motif.Key, StringComparer.Ordinal);
        IReadOnlyList<EvaluationOutcome> outcomes = [.. motifs.Select(m => finalFailures.TryGetValue(m.Key, out var failed) ? failed : byMotif[m.Key])];
        foreach (var outcome in outcomes)
        {
            _sink.Line(outcome.Succeeded
                ? string.Create(CultureInfo.InvariantCulture, $"  {outcome.Motif.Key} → {outcome.Value:F4}{(outcome.Cached ? " (stored)" : $" ({outcome.Record.Seconds:F1} s)")}")
                : $"  {outcome.Motif.Key} FAILED after {outcome.Record.Attempt} attempt(s){(outcome.Cached ? " (stored)" : "")}: {outcome.Record.Error}");
        }

        return outcomes;
    }

    internal async Task<double> EvaluateLowFidelityAsync(int iteration, IMotif motif, Fidelity fidelity, CancellationToken cancellationToken)
    {
        var outcome = await _groundTruth.EvaluateAsync(new EvaluationRequest(motif, fidelity, _groundTruthSeed, iteration, ScreeningPurpose), null, cancellationToken).ConfigureAwait(false);
        return outcome.Succeeded ? Metric.ToScore(outcome.Value) : double.NegativeInfinity;
    }

    private void ReportIteration(int iteration, IReadOnlyList<EvaluationOutcome> outcomes)
    {
        var best = Best();
        var bestText = best is null ? "none yet" : string.Create(CultureInfo.InvariantCulture, $"{best.Motif} = {best.Value:F4}");
        _sink.Line(string.Create(CultureInfo.InvariantCulture,
            $"{(iteration == 0 ? "warm-up" : $"iteration {iteration}")}: {outcomes.Count(o => o.Succeeded)}/{outcomes.Count} evaluated; {Spent()} ground-truth evaluations spent; best {bestText}; {Elapsed():F0} s"));
    }

    private string? StopReason(int iteration)
    {
        var budget = _options.Budget;
        if (budget.Evaluations is { } evaluations && Spent() >= evaluations)
        {
            return $"budget of {evaluations} ground-truth evaluations spent";
        }

        if (budget.Iterations is { } iterations && iteration > iterations)
        {
            return $"budget of {iterations} iterations done";
        }

        if (budget.WallTimeSeconds is { } seconds && Elapsed() >= seconds)
        {
            return string.Create(CultureInfo.InvariantCulture, $"wall-time budget of {seconds} s used");
        }

        if (budget.Target is { } target && Best() is { Value: { } value } && Metric.ToScore(value) >= Metric.ToScore(target))
        {
            return string.Create(CultureInfo.InvariantCulture, $"target {target} reached");
        }

        return null;
    }

    private void Checkpoint(int iteration, string? stopReason)
    {
        if (iteration < 0)
        {
            return;
        }

        using var optimizer = new MemoryStream();
        _components.Optimizer.Save(optimizer);
        _store.SaveCheckpoint(iteration, OptimizerComponent, optimizer.ToArray());
        var state = new LoopState(iteration, _random.State, Elapsed(), stopReason, _surrogateSeconds);
        _store.SaveCheckpoint(iteration, LoopComponent, System.Text.Encoding.UTF8.GetBytes(JsonConvert.SerializeObject(state)));
    }

    private static LoopState Read(byte[] state) =>
        JsonConvert.DeserializeObject<LoopState>(System.Text.Encoding.UTF8.GetString(state)) ?? throw new InvalidDataException("unreadable loop checkpoint");

    private SearchOutcome Outcome(int lastIteration, string reason) => new(Best(), Spent(), Math.Max(0, lastIteration), Elapsed(), reason);

    private List<Observation> Observations(int beforeIteration) =>
        [.. Full().Where(r => r.Status == EvaluationStatus.Completed && r.Iteration < beforeIteration).Select(r => new Observation(Space.Parse(r.Motif), Metric.ToScore(r.Value!.Value)))];

    // In (iteration, motif) order, not completion order: jobs that finish in any order (worker processes,
    // a cluster) must give the surrogate and the optimizer the same observations as a sequential run.
    private IEnumerable<EvaluationRecord> Full() => _store.Evaluations(fidelity: Fidelity.Full.ToString())
        .Where(r => r.Configuration == _groundTruth.Configuration)
        .OrderBy(r => r.Iteration).ThenBy(r => r.Motif, StringComparer.Ordinal).ThenBy(r => r.Attempt);

    private int Spent() => Full().Select(r => r.Motif).Distinct().Count();

    /// <summary>
    /// The evaluations the budget leaves when <paramref name="iteration"/> starts: counted from the
    /// iterations before it, so that an iteration redone after an interruption (some of its own
    /// evaluations already stored) selects what it selected the first time.
    /// </summary>
    private int RemainingAt(int iteration) => _options.Budget.Evaluations is { } budget
        ? Math.Max(0, budget - Full().Where(r => r.Iteration < iteration).Select(r => r.Motif).Distinct().Count())
        : int.MaxValue;

    private EvaluationRecord? Best() => Full().Where(r => r.Status == EvaluationStatus.Completed).MaxBy(r => Metric.ToScore(r.Value!.Value));

    private double Elapsed() => _elapsedBefore + _session.Elapsed.TotalSeconds;

    private double Fraction() => _options.Budget.Evaluations is { } budget ? Math.Min(1, (double)Spent() / budget) : 0;

    private sealed class OptimizerContext(int iteration, HashSet<string> known, SearchLoop loop, CancellationToken cancellationToken) : IOptimizerContext
    {
        public int Iteration => iteration;

        public bool IsKnown(string motifKey) => known.Contains(motifKey);

        public Task<double> EvaluateLowFidelityAsync(IMotif motif, Fidelity fidelity, CancellationToken token) =>
            loop.EvaluateLowFidelityAsync(iteration, motif, fidelity, token == default ? cancellationToken : token);
    }
}
