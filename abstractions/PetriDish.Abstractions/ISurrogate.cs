namespace PetriDish.Abstractions;

/// <summary>
/// A cheap stand-in for the ground truth: fitted on observed motifs, it scores new ones.
/// Only the ranking of its scores matters. Disposing it releases its tensors and modules.
/// </summary>
public interface ISurrogate : ICheckpointable, IDisposable
{
    /// <summary>The fewest observations <see cref="Fit"/> accepts.</summary>
    int MinimumObservations { get; }

    /// <summary>Fits the surrogate; replaces any earlier fit.</summary>
    SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken);

    /// <summary>One score per motif, higher meaning predicted better. Requires a fit (or a loaded state).</summary>
    IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken);
}
