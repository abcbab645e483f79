using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.NasBench201;

/// <summary>The Petri dish's motif-network for convolutional cells.</summary>
public sealed class ConvCellNetworkSettings
{
    [Description("Channels of every node (the synthetic images have as many).")]
    [Range(1, 256)]
    public int Channels { get; init; } = 4;

    [Description("Height and width of a synthetic image.")]
    [Range(1, 64)]
    public int ImageSize { get; init; } = 4;

    [Description("Binary targets read out from the cell's output node after global average pooling.")]
    [Range(1, 1024)]
    public int OutputSize { get; init; } = 1;

    [Description("Standard deviation of the shared initial weights θ_init.")]
    [Range(1e-6, 100.0)]
    public double InitScale { get; init; } = 1.0;
}
