using PetriDish.Abstractions;
using PetriDish.Kernels;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>N differently wired cells over the same synthetic sequences, in one tensor program.</summary>
/// <param name="wiring">The cells' wiring.</param>
/// <param name="options">The motif-network's sizes (for the block kernel).</param>
internal sealed class CellMotifNetwork(CellWiring wiring, MotifNetworkOptions options) : IMotifNetwork, IMotifNetworkBlockMetaGradient
{
    private CellBlockKernel? _kernel;
    private DualBlockMetaGradient? _secondOrder;

    public int Count => wiring.Count;

    public bool AcceptsPerNetworkInputs => true;

    public int BlockSize => CellBlockKernel.Lanes;

    /// <param name="parameters">[W₀ [N, in+H, 2H], nodes [N, K, H, 2H], read-out [N, H, out], bias [N, out]].</param>
    /// <param name="inputs">[samples, time, input], shared by all cells; or [N, samples, time, input].</param>
    public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var (w0, nodes, readout, bias) = (parameters[0], parameters[1], parameters[2], parameters[3]);
        var perNetwork = inputs.dim() == 4;
        var samples = inputs.shape[perNetwork ? 1 : 0];
        var width = nodes.shape[2];
        var h = zeros([Count, samples, width], dtype: inputs.dtype, device: inputs.device);
        var perNode = CellStep.SplitNodes(nodes);
        var steps = inputs.unbind(perNetwork ? 2 : 1);
        foreach (var step in steps)
        {
            h = CellStep.Forward(perNetwork ? step : step.expand(Count, -1, -1), h, w0, perNode, wiring);
        }

        return bmm(h, readout).add(bias.unsqueeze(1), HeldScalars.One); // a held alpha: see HeldScalars
    }

    public void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses) =>
        Kernel.LossAndGradient(first, parameters, inputs, targets, samples, gradient, losses);

    public void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient) =>
        SecondOrder.WeightedLossGradient(first, parameters, inputs, targets, samples, weights, parameterGradient, inputGradient);

    public void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct) =>
        SecondOrder.GradientProducts(first, parameters, inputs, targets, samples, direction, parameterProduct, inputProduct);

    public void Dispose() => wiring.Dispose();

    private CellBlockKernel Kernel => _kernel ??= CellBlockKernel.Create(wiring.Cells, (int)options.SampleShape[^1], options.Width, (int)options.SampleShape[0], options.OutputSize);

    /// <summary>The meta-gradient's products: the same kernel on dual numbers, no second derivative written by hand.</summary>
    private DualBlockMetaGradient SecondOrder => _secondOrder ??= new DualBlockMetaGradient(
        Kernel,
        CellBlockKernel.CreateDual(wiring.Cells, (int)options.SampleShape[^1], options.Width, (int)options.SampleShape[0], options.OutputSize),
        BlockSize);
}
