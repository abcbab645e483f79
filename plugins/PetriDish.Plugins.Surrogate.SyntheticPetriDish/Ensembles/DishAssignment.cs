using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

/// <summary>What one dish of an ensemble learns from.</summary>
/// <param name="Motifs">The observed motifs it learns from.</param>
/// <param name="Targets">Their outer-loss targets (lower is better), one per motif.</param>
/// <param name="HeldOut">Observed motifs it does not learn from, to choose the outer step to keep; null for none.</param>
internal sealed record DishAssignment(IReadOnlyList<IMotif> Motifs, double[] Targets, HeldOut? HeldOut);
