using PetriDish.Abstractions;

namespace PetriDish.Core.Evaluation;

/// <summary>One ground-truth evaluation to perform, and why.</summary>
/// <param name="Motif">The motif.</param>
/// <param name="Fidelity">Full ground truth, or a cheaper low-fidelity one.</param>
/// <param name="Seed">The evaluation seed (the same seed gives the same value, and a cache hit).</param>
/// <param name="Iteration">The search iteration (0 = warm-up), or null outside a search.</param>
/// <param name="Purpose">warmup, search, exploration, screening or evaluate: kept with the result.</param>
internal sealed record EvaluationRequest(IMotif Motif, Fidelity Fidelity, int Seed, int? Iteration = null, string Purpose = "evaluate");
