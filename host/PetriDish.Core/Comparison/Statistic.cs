namespace PetriDish.Core.Comparison;

/// <summary>A figure over seeds: mean, population standard deviation, and every value.</summary>
public sealed record Statistic(double Mean, double Std, IReadOnlyList<double> Values)
{
    public static Statistic Of(IEnumerable<double> values)
    {
        var list = values.ToList();
        var finite = list.Where(double.IsFinite).ToList();
        if (finite.Count == 0)
        {
            return new Statistic(double.NaN, double.NaN, list);
        }

        var mean = finite.Average();
        return new Statistic(mean, Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Count), list);
    }
}
