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
}
