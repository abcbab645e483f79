using static TorchSharp.torch;

namespace PetriDish.Abstractions;

/// <summary>
/// A search space that can build a candidate's real network: the full-size architecture its ground
/// truth trains (for NAS-Bench-201 the benchmark's macro skeleton around the cell), untrained.
/// Zero-cost proxies (parameter count, synflow, ...) score candidates on it at initialisation, so
/// they serve every space that offers this, without knowing the space.
/// </summary>
public interface IRealNetworks
{
    /// <summary>The shape of one input sample, without the batch dimension, e.g. [3, 32, 32].</summary>
    IReadOnlyList<long> InputShape { get; }

    /// <summary>
    /// Builds <paramref name="motif"/>'s real network on the CPU in float32, its parameters drawn with
    /// <paramref name="generator"/> (the same generator state gives the same network).
    /// </summary>
    nn.Module<Tensor, Tensor> Build(IMotif motif, RealNetworkOptions options, Generator generator);
}
