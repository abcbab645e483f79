using PetriDish.Kernels;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>
/// The conv-cell motif-network's loss and gradients for a block of cells in managed code (see
/// <see cref="PetriDish.Abstractions.IMotifNetworkBlockGradient"/>), for the widest vectors the machine
/// has: 16 lanes with AVX-512, else <see cref="System.Numerics.Vector{T}"/>'s.
/// </summary>
internal abstract class ConvCellBlockKernel : IBlockGradients
{
    /// <summary>Lanes per block on this machine.</summary>
    public static int Lanes => WidestLanes.Count;

    /// <param name="cells">The cells, one per network.</param>
    /// <param name="channels">Channels of every node (and of the synthetic images).</param>
    /// <param name="size">Height and width of a synthetic image.</param>
    /// <param name="outputs">Read-out targets.</param>
    public static ConvCellBlockKernel Create(IReadOnlyList<Nb201Cell> cells, int channels, int size, int outputs) =>
        WidestLanes.Use512
            ? new ConvCellBlockKernel<Vector512Lanes>(cells, channels, size, outputs)
            : new ConvCellBlockKernel<VectorLanes>(cells, channels, size, outputs);

    /// <summary>The same kernel on dual numbers (<see cref="DualLanes{T}"/>), for second-order products.</summary>
    public static ConvCellBlockKernel CreateDual(IReadOnlyList<Nb201Cell> cells, int channels, int size, int outputs) =>
        WidestLanes.Use512
            ? new ConvCellBlockKernel<DualLanes<Vector512Lanes>>(cells, channels, size, outputs)
            : new ConvCellBlockKernel<DualLanes<VectorLanes>>(cells, channels, size, outputs);

    /// <summary>As <see cref="PetriDish.Abstractions.IMotifNetworkBlockGradient.LossAndGradient"/>.</summary>
    public void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses) =>
        LossAndGradients(first, parameters, inputs, targets, samples, gradient, default, losses);

    /// <inheritdoc/>
    public abstract void LossAndGradients(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> inputGradient, Span<float> losses);
}
