namespace PetriDish.Abstractions;

/// <summary>
/// A cheap stand-in for the ground truth: fitted on observed motifs, it scores new ones.
/// Only the ranking of its scores matters. Disposing it releases its tensors and modules.
/// </summary>
public interface ISurrogate : ICheckpointable, IDisposable
{
    /// <summary>The fewest observations <see cref="Fit"/> accepts.</summary>
    int MinimumObservations { get; }

    /// <summary>
    /// True if <see cref="Fit"/> continues from the state of the previous fit (the Petri dish's warm start)
    /// rather than starting afresh: then a resumed search loads the last saved state before its next fit,
    /// so that it fits as an uninterrupted search would have. False (the default) for a surrogate whose
    /// fit starts afresh.
    /// </summary>
    bool ContinuesFromPreviousFit => false;

    /// <summary>Fits the surrogate; replaces any earlier fit (or, if <see cref="ContinuesFromPreviousFit"/>, continues it).</summary>
    SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken);

    /// <summary>One score per motif, higher meaning predicted better. Requires a fit (or a loaded state).</summary>
    IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken);
}
