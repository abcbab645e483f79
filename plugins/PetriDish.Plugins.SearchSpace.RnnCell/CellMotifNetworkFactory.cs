using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// The Petri dish's motif-network for cells: synthetic sequences <c>[samples, time, input]</c> run
/// through the cell at tiny width (3); the last hidden state is read out into binary targets.
/// </summary>
public sealed class CellMotifNetworkFactory(CellNetworkSettings settings, int nodes) : IMotifNetworkFactory
{
    public MotifNetworkOptions DefaultOptions { get; } = new()
    {
        Width = settings.Width,
        SampleShape = [settings.TimeSteps, settings.InputSize],
        OutputSize = settings.OutputSize,
        InitScale = settings.InitScale,
    };

    /// <summary>θ_init: W₀ <c>[in + H, 2H]</c>, node weights <c>[K, H, 2H]</c>, read-out <c>[H, out]</c> and its bias.</summary>
    public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inputs = options.SampleShape[^1];
        var width = options.Width;
        long[][] shapes = [[inputs + width, 2 * width], [nodes, width, 2 * width], [width, options.OutputSize], [options.OutputSize]];
        using var scale = options.InitScale.ToScalar(); // Held for the native calls (see HeldScalars).
        return [.. shapes.Select(shape => randn(shape, dtype: dtype, device: device, generator: generator).mul_(scale))];
    }

    public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var cells = motifs.Select(m => m as NaoCell ?? throw new ArgumentException($"'{m.Key}' is not a cell", nameof(motifs))).ToList();
        return new CellMotifNetwork(CellWiring.For(cells, device, dtype), options);
    }
}
