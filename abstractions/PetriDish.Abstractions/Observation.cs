namespace PetriDish.Abstractions;

/// <summary>A motif with a measured ground-truth result.</summary>
/// <param name="Motif">The motif.</param>
/// <param name="Score">
/// The ground-truth value oriented so that higher is always better (see <see cref="GroundTruthMetric.ToScore"/>).
/// </param>
public sealed record Observation(IMotif Motif, double Score);
