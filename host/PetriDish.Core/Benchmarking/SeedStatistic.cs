namespace PetriDish.Core.Benchmarking;

/// <summary>
/// A figure over seeds: mean, median, sample standard deviation (n − 1) and the 95 % confidence interval
/// of the mean (Student's t with n − 1 degrees of freedom).
/// </summary>
internal sealed record SeedStatistic(int N, double Mean, double Median, double Sd, double Low, double High)
{
    public static SeedStatistic Of(IEnumerable<double> values)
    {
        var finite = values.Where(double.IsFinite).Order().ToList();
        var n = finite.Count;
        if (n == 0)
        {
            return new SeedStatistic(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var mean = finite.Average();
        var median = (finite[(n - 1) / 2] + finite[n / 2]) / 2;
        if (n == 1)
        {
            return new SeedStatistic(1, mean, median, double.NaN, double.NaN, double.NaN);
        }

        var sd = Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / (n - 1));
        var half = StudentT975(n - 1) * sd / Math.Sqrt(n);
        return new SeedStatistic(n, mean, median, sd, mean - half, mean + half);
    }

    /// <summary>The 97.5 % quantile of Student's t: tabulated to 30 degrees of freedom, beyond by the Cornish–Fisher expansion (error below 1e-4).</summary>
    public static double StudentT975(int degreesOfFreedom)
    {
        double[] table =
        [
            12.7062, 4.3027, 3.1824, 2.7764, 2.5706, 2.4469, 2.3646, 2.3060, 2.2622, 2.2281,
            2.2010, 2.1788, 2.1604, 2.1448, 2.1314, 2.1199, 2.1098, 2.1009, 2.0930, 2.0860,
            2.0796, 2.0739, 2.0687, 2.0639, 2.0595, 2.0555, 2.0518, 2.0484, 2.0452, 2.0423,
        ];
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (degreesOfFreedom <= table.Length)
        {
            return table[degreesOfFreedom - 1];
        }

        const double z = 1.959963985;
        double v = degreesOfFreedom;
        return z + ((Math.Pow(z, 3) + z) / (4 * v)) + (((5 * Math.Pow(z, 5)) + (16 * Math.Pow(z, 3)) + (3 * z)) / (96 * v * v))
            + (((3 * Math.Pow(z, 7)) + (19 * Math.Pow(z, 5)) + (17 * Math.Pow(z, 3)) - (15 * z)) / (384 * v * v * v));
    }
}
