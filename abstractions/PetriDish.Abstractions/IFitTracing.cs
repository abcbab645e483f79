namespace PetriDish.Abstractions;

/// <summary>
/// A surrogate whose fit runs in steps (an outer loop, epochs) and can show how it goes: after every
/// step it scores motifs the caller chose (the probes) and reports its own figures, for each member of
/// an ensemble. For diagnosis; <c>petridish compare --trace</c> writes what it reports.
/// </summary>
public interface IFitTracing
{
    /// <summary>
    /// Fits as <see cref="ISurrogate.Fit"/> does (the same result for the same seed), reporting every
    /// step to <paramref name="trace"/>.
    /// </summary>
    SurrogateFitReport Fit(IReadOnlyList<Observation> observations, FitTrace trace, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken);
}
