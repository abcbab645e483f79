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
    /// <param name="inputs">
    /// Synthetic samples <c>[batch, …SampleShape]</c>, shared by all motifs; or, where
    /// <see cref="AcceptsPerNetworkInputs"/>, <c>[N, batch, …SampleShape]</c>: network n on its own samples.
    /// </param>
    /// <returns>Output logits <c>[N, batch, OutputSize]</c> (a sigmoid gives the network's outputs).</returns>
    Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs);

    /// <summary>
    /// Whether <see cref="Forward"/> (and <see cref="IMotifNetworkGradient.LossAndGradients"/>, where
    /// implemented) also take inputs <c>[N, batch, …SampleShape]</c>, one set of samples per network.
    /// An ensemble of Petri dishes, each with its own synthetic data, then trains as one tensor program
    /// instead of one dish after another. False unless a network says otherwise.
    /// </summary>
    bool AcceptsPerNetworkInputs => false;
}
