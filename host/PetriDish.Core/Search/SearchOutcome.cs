using PetriDish.Core.Store;

namespace PetriDish.Core.Search;

/// <summary>Where a search ended.</summary>
/// <param name="Best">The best completed full ground-truth evaluation, if any.</param>
/// <param name="Evaluations">Full ground-truth evaluations spent (distinct motifs, failed ones included).</param>
/// <param name="Iterations">Finished iterations after the warm-up.</param>
/// <param name="ElapsedSeconds">Wall time over all sessions.</param>
/// <param name="StopReason">Why it stopped (a budget, the target, or an interruption).</param>
public sealed record SearchOutcome(EvaluationRecord? Best, int Evaluations, int Iterations, double ElapsedSeconds, string StopReason);
