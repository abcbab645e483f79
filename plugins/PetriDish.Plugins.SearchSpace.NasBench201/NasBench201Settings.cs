using System.ComponentModel;

namespace PetriDish.Plugins.SearchSpace.NasBench201;

/// <summary>Settings of the <c>nas-bench-201</c> search space.</summary>
public sealed class NasBench201Settings
{
    [Description("The ground truth: a table of the benchmark's results.")]
    public TableSettings GroundTruth { get; init; } = new();

    [Description("The Petri dish's motif-network: the cell at a few channels on small synthetic images.")]
    public ConvCellNetworkSettings MotifNetwork { get; init; } = new();

    [Description("The benchmark's real network around the cell, built untrained for zero-cost proxies.")]
    public RealNetworkSettings RealNetwork { get; init; } = new();
}
