namespace PetriDish.Abstractions;

/// <summary>What to trace during a fit (see <see cref="IFitTracing"/>).</summary>
/// <param name="Probes">Motifs to score after every step, for example the held-out motifs of a comparison.</param>
/// <param name="Record">Receives each member's record after each step, in step order.</param>
public sealed record FitTrace(IReadOnlyList<IMotif> Probes, Action<FitTraceRecord> Record);
