namespace PetriDish.Abstractions;

/// <summary>
/// Measures a motif for real: builds it into the full-size network, trains it on the real data and
/// scores it. This is the expensive step the surrogates exist to avoid.
/// </summary>
public interface IGroundTruthEvaluator
{
    /// <summary>What is measured, and in which direction it is better.</summary>
    GroundTruthMetric Metric { get; }

    /// <summary>
    /// Identifies everything besides motif, fidelity and seed that determines a result (data set,
    /// recipe, ...). The host caches results under it, so two evaluators with the same key must give
    /// the same value for the same motif, fidelity and seed.
    /// </summary>
    string ConfigurationKey { get; }

    /// <summary>Evaluates one motif. Deterministic for a given seed; throws on failure.</summary>
    Task<GroundTruthResult> EvaluateAsync(
        IMotif motif,
        Fidelity fidelity,
        int seed,
        IProgress<ProgressUpdate>? progress,
        CancellationToken cancellationToken);
}
