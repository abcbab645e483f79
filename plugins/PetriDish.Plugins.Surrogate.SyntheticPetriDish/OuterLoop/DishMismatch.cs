namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

/// <summary>The outer loss's fit term in double precision, for figures outside the tensor program (hold-out, traces).</summary>
internal static class DishMismatch
{
    /// <summary>
    /// Mean squared difference of the z-normalised (population SD) losses and targets over the motifs
    /// whose loss is finite; +∞ when fewer than two are.
    /// </summary>
    public static double Of(IReadOnlyList<double> losses, IReadOnlyList<double> targets)
    {
        var finite = Enumerable.Range(0, losses.Count).Where(i => double.IsFinite(losses[i])).ToArray();
        if (finite.Length < 2)
        {
            return double.PositiveInfinity;
        }

        var z = Standardise([.. finite.Select(i => losses[i])]);
        var t = Standardise([.. finite.Select(i => targets[i])]);
        return z.Zip(t, (a, b) => (a - b) * (a - b)).Average();
    }

    /// <summary>
    /// The Pearson correlation of the dish's losses with the targets over the motifs whose loss is
    /// finite, which the mismatch measures: mismatch = 2 (1 − correlation). −1 when fewer than two are finite.
    /// </summary>
    public static double Correlation(IReadOnlyList<double> losses, IReadOnlyList<double> targets)
    {
        var mismatch = Of(losses, targets);
        return double.IsFinite(mismatch) ? 1 - (mismatch / 2) : -1;
    }

    private static double[] Standardise(double[] values)
    {
        var mean = values.Average();
        var std = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return [.. values.Select(v => (v - mean) / (std + 1e-12))];
    }
}
