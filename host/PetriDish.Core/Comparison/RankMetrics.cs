using PetriDish.Sdk;

namespace PetriDish.Core.Comparison;

/// <summary>
/// How well a predicted ranking matches the true one (NASLib's predictor metrics). All take scores
/// where higher is better.
/// </summary>
internal static class RankMetrics
{
    /// <summary>Kendall's τ-b, correct with ties; NaN when a side is constant (see <see cref="Ranks.KendallTauB"/>).</summary>
    public static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckPaired(x, y);
        return Ranks.KendallTauB(x, y);
    }

    /// <summary>Spearman's ρ: Pearson correlation of the ranks, tied values sharing their average rank.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        CheckPaired(x, y);
        return Pearson(Ranks.Average(x), Ranks.Average(y));
    }

    /// <summary>
    /// The overlap of the true top <paramref name="k"/> and the predicted top <paramref name="k"/>,
    /// as a fraction of k. Ties at the cut-off are broken by position, the same way on both sides.
    /// </summary>
    public static double PrecisionAtK(IReadOnlyList<double> truth, IReadOnlyList<double> predicted, int k)
    {
        CheckPaired(truth, predicted);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        k = Math.Min(k, truth.Count);
        var trueTop = TopIndices(truth, k).ToHashSet();
        return TopIndices(predicted, k).Count(trueTop.Contains) / (double)k;
    }

    /// <summary>The k of precision@k: 5% of the test set, at least one.</summary>
    public static int DefaultK(int testCount) => Math.Max(1, (int)Math.Round(0.05 * testCount, MidpointRounding.AwayFromZero));

    /// <summary>Indices of the <paramref name="k"/> highest values, highest first.</summary>
    public static IEnumerable<int> TopIndices(IReadOnlyList<double> values, int k) =>
        Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).ThenBy(i => i).Take(k);

    /// <summary>Zero mean, unit population variance (the Petri dish's normalisation); constant input gives zeros.</summary>
    public static double[] Standardise(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
        return [.. values.Select(v => std > 0 ? (v - mean) / std : 0)];
    }

    /// <summary>
    /// <see cref="Standardise"/> for a surrogate's scores, which may hold non-finite values (a diverged
    /// motif): those count as the lowest finite score, so a plot puts them at the bottom.
    /// </summary>
    public static double[] StandardiseScores(IReadOnlyList<double> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var lowest = scores.Where(double.IsFinite).DefaultIfEmpty(0).Min();
        return Standardise([.. scores.Select(v => double.IsFinite(v) ? v : lowest)]);
    }

    private static double Pearson(double[] x, double[] y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }

    private static void CheckPaired(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"paired values differ in length ({x.Count} and {y.Count})");
        }
    }
}
