using static TorchSharp.torch;

namespace PetriDish.Abstractions;

/// <summary>
/// Builds a search space's motifs into miniature networks with the ground-truth blueprint and tiny width.
/// </summary>
/// <remarks>
/// Networks are functional (parameters are passed in, not owned) and batched over motifs, so that the
/// Petri dish can train thousands of motifs in one tensor program and differentiate through the training.
/// Every tensor must be created on the requested device.
/// </remarks>
public interface IMotifNetworkFactory
{
    /// <summary>The space's default motif-network size (used unless a surrogate overrides it).</summary>
    MotifNetworkOptions DefaultOptions { get; }

    /// <summary>
    /// The initial parameters θ_init of one motif-network, drawn with <paramref name="generator"/>.
    /// All motifs start from these same values, so they differ only in their motif.
    /// </summary>
    IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype);

    /// <summary>A batched network holding <paramref name="motifs"/>; its parameters have a leading motif dimension.</summary>
    IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype);
}
