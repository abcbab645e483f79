using PetriDish.Kernels;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// The cell motif-network's loss and gradient for a block of cells in managed code (see
/// <see cref="PetriDish.Abstractions.IMotifNetworkBlockGradient"/>), for the widest vectors the machine
/// has: 16 lanes with AVX-512, else <see cref="System.Numerics.Vector{T}"/>'s.
/// </summary>
internal abstract class CellBlockKernel : IBlockGradients
{
    /// <summary>Lanes per block on this machine.</summary>
    public static int Lanes => WidestLanes.Count;

    /// <param name="cells">The cells, one per network.</param>
    /// <param name="inputs">Inputs per time step.</param>
    /// <param name="width">Neurons per cell layer.</param>
    /// <param name="time">Time steps per sequence.</param>
    /// <param name="outputs">Read-out targets.</param>
    public static CellBlockKernel Create(IReadOnlyList<NaoCell> cells, int inputs, int width, int time, int outputs) =>
        WidestLanes.Use512
            ? new CellBlockKernel<Vector512Lanes>(cells, inputs, width, time, outputs)
            : new CellBlockKernel<VectorLanes>(cells, inputs, width, time, outputs);

    /// <summary>The same kernel on dual numbers (<see cref="DualLanes{T}"/>), for second-order products.</summary>
    public static CellBlockKernel CreateDual(IReadOnlyList<NaoCell> cells, int inputs, int width, int time, int outputs) =>
        WidestLanes.Use512
            ? new CellBlockKernel<DualLanes<Vector512Lanes>>(cells, inputs, width, time, outputs)
            : new CellBlockKernel<DualLanes<VectorLanes>>(cells, inputs, width, time, outputs);

    /// <summary>As <see cref="PetriDish.Abstractions.IMotifNetworkBlockGradient.LossAndGradient"/>.</summary>
    public abstract void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses);

    /// <inheritdoc/>
    public abstract void LossAndGradients(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> inputGradient, Span<float> losses);
}
