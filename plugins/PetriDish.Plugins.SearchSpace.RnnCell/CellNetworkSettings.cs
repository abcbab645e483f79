using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>The cell's motif-network: synthetic sequences through the cell, the last step read out into binary targets.</summary>
public sealed class CellNetworkSettings
{
    [Description("Neurons per cell layer (the paper: 3).")]
    [Range(1, 1024)]
    public int Width { get; init; } = 3;

    [Description("Time steps of a synthetic sequence (the paper: 10).")]
    [Range(1, 1000)]
    public int TimeSteps { get; init; } = 10;

    [Description("Inputs per time step (the paper: 10).")]
    [Range(1, 4096)]
    public int InputSize { get; init; } = 10;

    [Description("Binary targets read from the last step.")]
    [Range(1, 4096)]
    public int OutputSize { get; init; } = 10;

    [Description("Standard deviation of the shared initial weights θ_init.")]
    [Range(1e-6, 100.0)]
    public double InitScale { get; init; } = 1.0;
}
