using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Network;

/// <summary>
/// The Petri dish's motif-network for NAS-Bench-NLP cells: synthetic sequences <c>[samples, time, input]</c>
/// through the cell at tiny width; <c>h_new_0</c> after the last step is read out into binary targets.
/// θ_init holds one weight set per node position (up to <paramref name="maxNodes"/>), so two cells
/// start alike wherever their canonical node lists agree.
/// </summary>
public sealed class GraphMotifNetworkFactory(GraphNetworkSettings settings, int maxNodes) : IMotifNetworkFactory
{
    public MotifNetworkOptions DefaultOptions { get; } = new()
    {
        Width = settings.Width,
        SampleShape = [settings.TimeSteps, settings.InputSize],
        OutputSize = settings.OutputSize,
        InitScale = settings.InitScale,
    };

    /// <summary>θ_init: W_x <c>[M, E, H]</c>, W_h <c>[M, 3, H, H]</c> (one matrix per gathered input), bias <c>[M, H]</c>, read-out <c>[H, out]</c> and its bias.</summary>
    public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(options);
        var inputs = options.SampleShape[^1];
        var width = options.Width;
        long[][] shapes = [[maxNodes, inputs, width], [maxNodes, GraphProgram.Gathered, width, width], [maxNodes, width], [width, options.OutputSize], [options.OutputSize]];
        using var scale = options.InitScale.ToScalar(); // Held for the native calls (see HeldScalars).
        return [.. shapes.Select(shape => randn(shape, dtype: dtype, device: device, generator: generator).mul_(scale))];
    }

    public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var cells = motifs.Select(m => m as NlpCell ?? throw new ArgumentException($"'{m.Key}' is not a NAS-Bench-NLP cell", nameof(motifs))).ToList();
        if (cells.FirstOrDefault(c => c.Nodes.Count > maxNodes) is { } large)
        {
            throw new ArgumentException($"'{large.Key}' has {large.Nodes.Count} nodes; this space's motif-networks hold at most {maxNodes}", nameof(motifs));
        }

        return new GraphMotifNetwork(GraphProgram.For(cells, device, dtype));
    }
}
