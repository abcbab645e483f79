namespace PetriDish.Core.Comparison;

/// <summary>Everything measured for one surrogate over the seeds.</summary>
/// <param name="Name">The surrogate's name in the manifest.</param>
/// <param name="PluginId">Its plugin.</param>
/// <param name="Seeds">Per-seed figures.</param>
/// <param name="Curve">The first seed's scores for every observation (train and test), for plots.</param>
public sealed record SurrogateSummary(string Name, string PluginId, IReadOnlyList<SeedMetrics> Seeds, IReadOnlyList<double> Curve)
{
    public Statistic Stat(Func<SeedMetrics, double?> figure) => Statistic.Of(Seeds.Select(s => figure(s) ?? double.NaN));
}
