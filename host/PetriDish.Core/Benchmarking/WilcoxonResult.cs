namespace PetriDish.Core.Benchmarking;

/// <summary>A Wilcoxon signed-rank test's outcome.</summary>
/// <param name="Pairs">Pairs with a non-zero difference (the test's n).</param>
/// <param name="PositiveRankSum">W+: the rank sum of the positive differences.</param>
/// <param name="NegativeRankSum">W−: the rank sum of the negative differences.</param>
/// <param name="P">The two-sided p-value.</param>
/// <param name="Method"><c>exact</c> or <c>normal</c> (approximation).</param>
internal sealed record WilcoxonResult(int Pairs, double PositiveRankSum, double NegativeRankSum, double P, string Method);
