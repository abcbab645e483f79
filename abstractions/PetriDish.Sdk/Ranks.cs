namespace PetriDish.Sdk;

/// <summary>Ranking helpers shared by the host's metrics and plugins (rank targets, rank correlations).</summary>
public static class Ranks
{
    /// <summary>Ranks 1…n (1 = smallest), ties sharing the average of their ranks.</summary>
    public static double[] Average(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var average = ((start + end) / 2.0) + 1;
            for (var i = start; i <= end; i++)
            {
                ranks[order[i]] = average;
            }

            start = end + 1;
        }

        return ranks;
    }

    /// <summary>Kendall's τ-b: (concordant − discordant) / √((n₀ − n₁)(n₀ − n₂)), correct with ties. NaN when a side is constant.</summary>
    public static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"paired values differ in length ({x.Count} and {y.Count})");
        }

        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0, pairs = 0;
        for (var i = 0; i < x.Count; i++)
        {
            for (var j = i + 1; j < x.Count; j++)
            {
                pairs++;
                var dx = Math.Sign(x[i] - x[j]);
                var dy = Math.Sign(y[i] - y[j]);
                if (dx == 0)
                {
                    tiedX++;
                }

                if (dy == 0)
                {
                    tiedY++;
                }

                if (dx != 0 && dy != 0)
                {
                    if (dx == dy)
                    {
                        concordant++;
                    }
                    else
                    {
                        discordant++;
                    }
                }
            }
        }

        var denominator = Math.Sqrt((double)(pairs - tiedX) * (pairs - tiedY));
        return denominator == 0 ? double.NaN : (concordant - discordant) / denominator;
    }
}
