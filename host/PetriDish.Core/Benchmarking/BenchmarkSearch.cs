namespace PetriDish.Core.Benchmarking;

/// <summary>One finished search of a benchmark, as read from its store.</summary>
/// <param name="Arm">The arm.</param>
/// <param name="Seed">The seed.</param>
/// <param name="Evaluations">Its full ground-truth evaluations in the order spent.</param>
/// <param name="LowFidelityEvaluations">Its low-fidelity (screening) evaluations.</param>
/// <param name="Seconds">Its wall time over all sessions.</param>
/// <param name="SurrogateSeconds">Of which the screening surrogate's fits and rankings.</param>
internal sealed record BenchmarkSearch(string Arm, int Seed, IReadOnlyList<BenchmarkEvaluation> Evaluations, int LowFidelityEvaluations, double Seconds, double SurrogateSeconds)
{
    /// <summary>The best value after each evaluation (NaN until one succeeded).</summary>
    public IReadOnlyList<double> BestCurve => [.. Evaluations.Select(e => e.BestSoFar ?? double.NaN)];
}
