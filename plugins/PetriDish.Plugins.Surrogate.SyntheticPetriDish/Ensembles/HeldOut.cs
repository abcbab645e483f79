using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

/// <summary>Observed motifs a dish does not learn from, used to choose the outer step to keep.</summary>
/// <param name="Motifs">The held-out motifs.</param>
/// <param name="Targets">Their outer-loss targets (lower is better), as for the learned motifs.</param>
internal sealed record HeldOut(IReadOnlyList<IMotif> Motifs, double[] Targets);
