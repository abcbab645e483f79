using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>
/// The Petri dish's motif-network for NAS-Bench-201 cells: one cell at a few channels on small
/// synthetic images <c>[channels, size, size]</c>, its output node globally average-pooled and read
/// out into binary targets. Every edge has its own 1×1 and 3×3 weights in θ_init, so two cells start
/// alike wherever their edges agree.
/// </summary>
public sealed class ConvCellNetworkFactory(ConvCellNetworkSettings settings) : IMotifNetworkFactory
{
    public MotifNetworkOptions DefaultOptions { get; } = new()
    {
        Width = settings.Channels,
        SampleShape = [settings.Channels, settings.ImageSize, settings.ImageSize],
        OutputSize = settings.OutputSize,
        InitScale = settings.InitScale,
    };

    /// <summary>θ_init: 1×1 weights <c>[6, C, C]</c>, 3×3 weights <c>[6, C, C, 3, 3]</c> (one per edge), read-out <c>[C, out]</c> and its bias <c>[out]</c>.</summary>
    public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(options);
        var channels = options.SampleShape[0];
        if (channels != options.Width)
        {
            throw new ArgumentException($"the synthetic images have {channels} channels and the cell {options.Width}: they must agree", nameof(options));
        }

        long[][] shapes = [[Nb201Cell.EdgeCount, channels, channels], [Nb201Cell.EdgeCount, channels, channels, 3, 3], [channels, options.OutputSize], [options.OutputSize]];
        using var scale = options.InitScale.ToScalar(); // Held for the native calls (see HeldScalars).
        return [.. shapes.Select(shape => randn(shape, dtype: dtype, device: device, generator: generator).mul_(scale))];
    }

    public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var cells = motifs.Select(m => m as Nb201Cell ?? throw new ArgumentException($"'{m.Key}' is not a NAS-Bench-201 cell", nameof(motifs))).ToList();
        return new ConvCellNetwork(cells, options, device, dtype);
    }
}
