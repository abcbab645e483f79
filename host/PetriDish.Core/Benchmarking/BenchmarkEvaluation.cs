namespace PetriDish.Core.Benchmarking;

/// <summary>One full ground-truth evaluation of a benchmark's search (a row of <c>evaluations.csv</c>).</summary>
/// <param name="Number">1 for the search's first evaluation.</param>
/// <param name="Iteration">The search iteration (0 = the warm-up).</param>
/// <param name="Motif">The motif's key.</param>
/// <param name="Value">Its value; null if it failed.</param>
/// <param name="BestSoFar">The best value after it; null until one succeeded.</param>
/// <param name="Regret">The distance of <paramref name="BestSoFar"/> from the known optimum; null without one.</param>
/// <param name="Seconds">The evaluation's own time.</param>
/// <param name="SurrogateSeconds">The surrogate's time in the iteration that chose it, shared equally among that iteration's evaluations (the column sums to the surrogate's total).</param>
internal sealed record BenchmarkEvaluation(int Number, int Iteration, string Motif, double? Value, double? BestSoFar, double? Regret, double Seconds, double SurrogateSeconds);
