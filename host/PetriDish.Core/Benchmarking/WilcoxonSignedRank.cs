using PetriDish.Sdk;

namespace PetriDish.Core.Benchmarking;

/// <summary>
/// The paired Wilcoxon signed-rank test (two-sided): zero differences are dropped (Wilcoxon's
/// convention, scipy's default), tied magnitudes share their average rank. Up to 50 non-zero pairs the
/// p-value is exact (the null distribution of W+ over the 2^n sign patterns of the actual ranks, so it
/// stays exact under ties); beyond, the normal approximation with the tie correction.
/// </summary>
internal static class WilcoxonSignedRank
{
    private const int ExactUpTo = 50;

    /// <summary>The test of <paramref name="x"/> − <paramref name="y"/> (paired by index).</summary>
    public static WilcoxonResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"paired samples of different sizes ({x.Count} and {y.Count})", nameof(y));
        }

        var differences = x.Zip(y, (a, b) => a - b).Where(d => double.IsFinite(d) && d != 0).ToArray();
        var n = differences.Length;
        if (n == 0)
        {
            return new WilcoxonResult(0, 0, 0, 1, "exact");
        }

        var ranks = Ranks.Average([.. differences.Select(Math.Abs)]);
        var plus = differences.Select((d, i) => d > 0 ? ranks[i] : 0).Sum();
        var minus = (n * (n + 1) / 2.0) - plus;
        if (n <= ExactUpTo)
        {
            return new WilcoxonResult(n, plus, minus, ExactP(ranks, plus), "exact");
        }

        var mean = n * (n + 1) / 4.0;
        var ties = ranks.GroupBy(r => r).Sum(g => (Math.Pow(g.Count(), 3) - g.Count()) / 48.0);
        var sd = Math.Sqrt((n * (n + 1) * ((2 * n) + 1) / 24.0) - ties);
        var z = (plus - mean) / sd;
        return new WilcoxonResult(n, plus, minus, Math.Min(1, 2 * NormalUpperTail(Math.Abs(z))), "normal");
    }

    /// <summary>2 · min(P(W+ ≤ w), P(W+ ≥ w)) over the equally likely sign patterns; ranks are halves at worst, so doubled they are integers.</summary>
    private static double ExactP(double[] ranks, double plus)
    {
        var doubled = ranks.Select(r => (int)Math.Round(2 * r)).ToArray();
        var total = doubled.Sum();
        var counts = new double[total + 1];
        counts[0] = 1;
        var reach = 0;
        foreach (var r in doubled)
        {
            for (var s = reach; s >= 0; s--)
            {
                counts[s + r] += counts[s];
            }

            reach += r;
        }

        var all = Math.Pow(2, ranks.Length);
        var w = (int)Math.Round(2 * plus);
        var lower = counts.Take(w + 1).Sum() / all;
        var upper = counts.Skip(w).Sum() / all;
        return Math.Min(1, 2 * Math.Min(lower, upper));
    }

    /// <summary>P(Z ≥ z) of a standard normal (erfc by the Numerical Recipes Chebyshev fit, relative error below 1.2e-7).</summary>
    internal static double NormalUpperTail(double z)
    {
        var x = z / Math.Sqrt(2);
        var t = 1 / (1 + (0.5 * Math.Abs(x)));
        double[] coefficients = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
        var polynomial = 0.0;
        for (var k = coefficients.Length - 1; k >= 0; k--)
        {
            polynomial = coefficients[k] + (t * polynomial);
        }

        var erfc = t * Math.Exp((-x * x) + polynomial);
        return 0.5 * (x >= 0 ? erfc : 2 - erfc);
    }
}
