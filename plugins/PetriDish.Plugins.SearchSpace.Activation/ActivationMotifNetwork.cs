using PetriDish.Abstractions;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>N motif-networks: one batched matmul per layer, the motif's parameter broadcast per network.</summary>
internal sealed class ActivationMotifNetwork(ActivationFamily family, Tensor parameters) : IMotifNetwork
{
    public int Count => (int)parameters.shape[0];

    /// <param name="weights">[W₁, b₁, …, W_L, b_L] with shapes [N, in, out] and [N, out].</param>
    /// <param name="inputs">[batch, in], shared by all motifs (or [N, batch, in]).</param>
    public Tensor Forward(IReadOnlyList<Tensor> weights, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(weights);
        // One batched product per layer: [N, batch, in] @ [N, in, out] + [N, 1, out] (a held alpha: see HeldScalars).
        var hidden = inputs.dim() == 2 ? inputs.expand(Count, -1, -1) : inputs;
        var layers = weights.Count / 2;
        for (var layer = 0; layer < layers; layer++)
        {
            var z = bmm(hidden, weights[2 * layer]).add(weights[(2 * layer) + 1].unsqueeze(1), HeldScalars.One);
            hidden = layer + 1 < layers ? ActivationFunctions.Apply(family, z, parameters) : z;
        }

        return hidden;
    }

    public void Dispose() => parameters.Dispose();
}
