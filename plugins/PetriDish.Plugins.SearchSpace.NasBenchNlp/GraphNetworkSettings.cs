using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>The Petri dish's motif-network: each cell at tiny width on synthetic sequences, h_new_0 of the last step read out into binary targets.</summary>
public sealed class GraphNetworkSettings
{
    [Description("Neurons per node (every node's state has this width).")]
    [Range(1, 1024)]
    public int Width { get; init; } = 2;

    [Description("Time steps of a synthetic sequence.")]
    [Range(1, 1000)]
    public int TimeSteps { get; init; } = 8;

    [Description("Inputs per time step (the width of x).")]
    [Range(1, 4096)]
    public int InputSize { get; init; } = 4;

    [Description("Binary targets read out from h_new_0 after the last step.")]
    [Range(1, 4096)]
    public int OutputSize { get; init; } = 1;

    [Description("Standard deviation of the shared initial weights θ_init.")]
    [Range(1e-6, 100.0)]
    public double InitScale { get; init; } = 1.0;
}
