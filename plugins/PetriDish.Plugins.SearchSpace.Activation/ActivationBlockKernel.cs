using System.Numerics;
using PetriDish.Kernels;
using PetriDish.Plugins.SearchSpace.Activation.Expressions;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>
/// The motif-network's loss and gradient for a block of networks, one per vector lane, in managed code
/// (see <see cref="PetriDish.Abstractions.IMotifNetworkBlockGradient"/>), for the widest vectors the
/// machine has: 16 lanes with AVX-512, else <see cref="Vector{T}"/>'s.
/// </summary>
internal abstract class ActivationBlockKernel
{
    /// <summary>Lanes per block on this machine.</summary>
    public static int Lanes => WidestLanes.Count;

    /// <param name="family">The activation family.</param>
    /// <param name="sizes">Layer sizes: inputs, the hidden layers, outputs.</param>
    /// <param name="values">Each network's motif parameter.</param>
    public static ActivationBlockKernel Create(ActivationFamily family, IReadOnlyList<long> sizes, float[] values) =>
        WidestLanes.Use512
            ? new ActivationBlockKernel<Vector512Lanes>(family, sizes, values)
            : new ActivationBlockKernel<VectorLanes>(family, sizes, values);

    /// <param name="sizes">Layer sizes: inputs, the hidden layers, outputs.</param>
    /// <param name="expressions">Each network's composed function.</param>
    public static ActivationBlockKernel Create(IReadOnlyList<long> sizes, IReadOnlyList<ExpressionMotif> expressions) =>
        WidestLanes.Use512
            ? new ActivationBlockKernel<Vector512Lanes>(default, sizes, [], [.. expressions])
            : new ActivationBlockKernel<VectorLanes>(default, sizes, [], [.. expressions]);

    /// <summary>As <see cref="PetriDish.Abstractions.IMotifNetworkBlockGradient.LossAndGradient"/>.</summary>
    public abstract void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses);

    /// <summary>As <see cref="PetriDish.Abstractions.IMotifNetworkBlockMetaGradient.WeightedLossGradient"/>.</summary>
    public abstract void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient);

    /// <summary>As <see cref="PetriDish.Abstractions.IMotifNetworkBlockMetaGradient.GradientProducts"/>.</summary>
    public abstract void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct);
}
