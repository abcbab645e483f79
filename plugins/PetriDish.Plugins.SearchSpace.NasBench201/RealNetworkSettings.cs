using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.NasBench201;

/// <summary>
/// The benchmark's real network around a cell (its macro skeleton), which zero-cost proxies score at
/// initialisation. The defaults are NAS-Bench-201's CIFAR-10 networks; CIFAR-100 has 100 classes,
/// ImageNet16-120 16 × 16 images and 120 classes.
/// </summary>
public sealed class RealNetworkSettings
{
    [Description("Channels of the first stage (the second and third have 2× and 4×).")]
    [Range(1, 1024)]
    public int Channels { get; init; } = 16;

    [Description("Cells per stage (3 stages, joined by residual reduction blocks).")]
    [Range(1, 64)]
    public int CellsPerStage { get; init; } = 5;

    [Description("Height and width of an input image (3 channels).")]
    [Range(4, 1024)]
    public int ImageSize { get; init; } = 32;

    [Description("Classes of the classifier.")]
    [Range(1, 100000)]
    public int Classes { get; init; } = 10;
}
