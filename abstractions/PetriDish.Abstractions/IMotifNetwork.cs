using static TorchSharp.torch;

namespace PetriDish.Abstractions;

/// <summary>N motif-networks evaluated together; see <see cref="IMotifNetworkFactory"/>.</summary>
public interface IMotifNetwork : IDisposable
{
    /// <summary>The number of motifs N.</summary>
    int Count { get; }

    /// <summary>
    /// Runs every motif-network on the same inputs.
    /// </summary>
    /// <param name="parameters">
    /// One tensor per entry of <see cref="IMotifNetworkFactory.CreateInitialParameters"/>, each with a
    /// leading dimension N: <c>[N, …]</c>.
    /// </param>
    /// <param name="inputs">Synthetic samples <c>[batch, …SampleShape]</c>, shared by all motifs.</param>
    /// <returns>Output logits <c>[N, batch, OutputSize]</c> (a sigmoid gives the network's outputs).</returns>
    Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs);
}
