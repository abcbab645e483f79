using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The miniature network a motif is trained in by the Petri dish.</summary>
public sealed class MotifNetworkSettings
{
    [Description("Neurons per hidden layer (the paper: 1).")]
    [Range(1, 1024)]
    public int Width { get; init; } = 1;

    [Description("Hidden layers using the motif (the ground truth has 2).")]
    [Range(1, 8)]
    public int HiddenLayers { get; init; } = 2;

    [Description("Features of a synthetic sample.")]
    [Range(1, 4096)]
    public int InputSize { get; init; } = 10;

    [Description("Binary targets per synthetic sample.")]
    [Range(1, 4096)]
    public int OutputSize { get; init; } = 10;

    [Description("Standard deviation of the shared initial weights θ_init (official: 1.0).")]
    [Range(1e-6, 100.0)]
    public double InitScale { get; init; } = 1.0;
}
