namespace PetriDish.Abstractions;

/// <summary>What the search loop offers an optimizer while it proposes.</summary>
public interface IOptimizerContext
{
    /// <summary>The search iteration (0 for the warm-up).</summary>
    int Iteration { get; }

    /// <summary>True if the motif was already proposed for or given a ground-truth evaluation in this run.</summary>
    bool IsKnown(string motifKey);

    /// <summary>
    /// A cheap, low-fidelity ground-truth evaluation, returned as a score (higher is better). The host
    /// caches and stores it and counts it apart from full evaluations.
    /// </summary>
    Task<double> EvaluateLowFidelityAsync(IMotif motif, Fidelity fidelity, CancellationToken cancellationToken);
}
