using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>N motif-networks: one batched matmul per layer, each network's activation applied along the network dimension.</summary>
/// <param name="activations">Each network's activation function.</param>
/// <param name="sizes">Layer sizes: inputs, the hidden layers, outputs.</param>
internal sealed class ActivationMotifNetwork(NetworkActivations activations, IReadOnlyList<long> sizes) : IMotifNetwork, IMotifNetworkGradient, IMotifNetworkBlockMetaGradient
{
    private ActivationBlockKernel? _kernel;

    public int Count => activations.Count;

    public int BlockSize => ActivationBlockKernel.Lanes;

    public bool AcceptsPerNetworkInputs => true;

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
            hidden = layer + 1 < layers ? activations.Apply(z, 0) : z;
        }

        return hidden;
    }

    /// <summary>
    /// Backpropagation through the layers written out, no graph. With thousands of networks of a few
    /// weights each, the time goes into passes over the largest tensors (<c>batch × N × outputs</c>)
    /// and into reductions over samples, not into arithmetic. So the activations are kept sample-major
    /// (<c>[S, N, width]</c>): the shared inputs meet all N first layers in one matrix product, sums
    /// over samples run over the leading dimension (contiguous adds), products with a layer of width
    /// 1 are broadcast multiplies rather than N tiny matrix products, σ and the target are applied in
    /// place, and the mean's 1/(batch·outputs) is applied to the small weight gradients.
    /// </summary>
    public (Tensor? Loss, IReadOnlyList<Tensor> Gradients) LossAndGradients(IReadOnlyList<Tensor> weights, Tensor inputs, Tensor targets, bool computeLoss)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        var layers = weights.Count / 2;
        var n = Count;
        var shared = inputs.dim() == 2;
        var inputsOf = new Tensor[layers];
        var preActivations = new Tensor[layers];
        var hidden = shared ? inputs : inputs.permute(1, 0, 2);
        for (var layer = 0; layer < layers; layer++)
        {
            inputsOf[layer] = hidden;
            var (w, b) = (weights[2 * layer], weights[(2 * layer) + 1]);
            var z = (layer == 0 && shared ? SharedProduct(inputs, w) : Product(hidden, w)).add_(b.unsqueeze(0), HeldScalars.One);
            preActivations[layer] = z;
            hidden = layer + 1 < layers ? activations.Apply(z, 1) : z;
        }

        var logits = hidden; // [S, N, outputs]
        var y = targets.permute(1, 0, 2);
        var loss = computeLoss ? nn.functional.binary_cross_entropy_with_logits(logits, y, reduction: nn.Reduction.None).mean([0, 2]) : null;

        // d(mean BCE)/d logits = (σ(logits) − y) / (batch · outputs); the division comes last, on small tensors.
        using var scale = (1.0 / (logits.shape[0] * logits.shape[2])).ToScalar();
        var delta = (computeLoss ? sigmoid(logits) : logits.sigmoid_()).add_(y, HeldScalars.MinusOne); // held alphas (see HeldScalars)
        var gradients = new Tensor[weights.Count];
        for (var layer = layers - 1; layer >= 0; layer--)
        {
            var input = inputsOf[layer];
            gradients[2 * layer] = (layer == 0 && shared ? SharedTransposedProduct(inputs, delta, n) : TransposedProduct(input, delta)).mul_(scale);
            gradients[(2 * layer) + 1] = delta.sum(0L).mul_(scale);
            if (layer > 0)
            {
                delta = ProductTransposed(delta, weights[2 * layer]).mul_(activations.Derivative(preActivations[layer - 1], input, 1));
            }
        }

        return (loss, gradients);
    }

    // Above this many weights per network in a layer, N batched matrix products beat the broadcast
    // multiply and sum (whose intermediate grows with the layer's size).
    private const long BroadcastLimit = 64;

    /// <summary><c>h [S, N, k] @ w [N, k, o]</c> per network: <c>[S, N, o]</c>.</summary>
    private static Tensor Product(Tensor h, Tensor w)
    {
        var (k, o) = (w.shape[1], w.shape[2]);
        return k == 1 ? h.mul(w.permute(1, 0, 2))
            : k * o <= BroadcastLimit ? h.unsqueeze(3).mul(w.unsqueeze(0)).sum(2)
            : bmm(h.permute(1, 0, 2), w).permute(1, 0, 2);
    }

    /// <summary><c>h [S, N, k]ᵀ @ delta [S, N, o]</c> per network, summed over samples: <c>[N, k, o]</c>.</summary>
    private static Tensor TransposedProduct(Tensor h, Tensor delta)
    {
        var (k, o) = (h.shape[2], delta.shape[2]);
        return k == 1 ? h.mul(delta).sum(0L).unsqueeze(1)
            : k * o <= BroadcastLimit ? h.unsqueeze(3).mul(delta.unsqueeze(2)).sum(0L)
            : bmm(h.permute(1, 2, 0), delta.permute(1, 0, 2));
    }

    /// <summary><c>delta [S, N, o] @ w [N, k, o]ᵀ</c> per network: <c>[S, N, k]</c>.</summary>
    private static Tensor ProductTransposed(Tensor delta, Tensor w)
    {
        var (k, o) = (w.shape[1], w.shape[2]);
        return k == 1 ? delta.mul(w.permute(1, 0, 2)).sum(2, keepdim: true)
            : k * o <= BroadcastLimit ? delta.unsqueeze(2).mul(w.unsqueeze(0)).sum(3)
            : bmm(delta.permute(1, 0, 2), w.transpose(1, 2)).permute(1, 0, 2);
    }

    /// <summary><c>inputs [S, in] @ w[k] [in, out]</c> for every network k, as one matrix product: <c>[S, N, out]</c>.</summary>
    private static Tensor SharedProduct(Tensor inputs, Tensor w)
    {
        var (n, fanIn, fanOut) = (w.shape[0], w.shape[1], w.shape[2]);
        return inputs.mm(w.permute(1, 0, 2).reshape(fanIn, n * fanOut)).view(inputs.shape[0], n, fanOut);
    }

    /// <summary><c>inputsᵀ [in, S] @ delta[:, k] [S, out]</c> for every network k, as one matrix product: <c>[N, in, out]</c>.</summary>
    private static Tensor SharedTransposedProduct(Tensor inputs, Tensor delta, long n)
    {
        var (samples, fanOut) = (delta.shape[0], delta.shape[2]);
        return inputs.t().mm(delta.reshape(samples, n * fanOut)).view(inputs.shape[1], n, fanOut).permute(1, 0, 2);
    }

    public void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses) =>
        Kernel.LossAndGradient(first, parameters, inputs, targets, samples, gradient, losses);

    public void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient) =>
        Kernel.WeightedLossGradient(first, parameters, inputs, targets, samples, weights, parameterGradient, inputGradient);

    public void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct) =>
        Kernel.GradientProducts(first, parameters, inputs, targets, samples, direction, parameterProduct, inputProduct);

    public void Dispose() => activations.Dispose();

    private ActivationBlockKernel Kernel => _kernel ??= activations.CreateKernel(sizes);
}
