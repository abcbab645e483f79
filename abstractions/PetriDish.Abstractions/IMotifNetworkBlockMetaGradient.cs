namespace PetriDish.Abstractions;

/// <summary>
/// Optional for an <see cref="IMotifNetwork"/> with a block gradient: the derivatives the Petri dish's
/// meta-gradient needs, in managed code, so that fitting a dish (not only ranking with one) runs without
/// libtorch. The dish unrolls the inner training block by block and differentiates it in reverse; at
/// every inner step it needs how the step's gradient changes with the parameters and with the shared
/// synthetic inputs along one direction per lane (a Hessian-vector product), and at the end the
/// gradient of the weighted validation losses with respect to the parameters and the inputs.
/// </summary>
/// <remarks>
/// Layouts as in <see cref="IMotifNetworkBlockGradient.LossAndGradient"/>: parameters, directions and
/// parameter results <c>[P, BlockSize]</c> parameter-major; inputs row-major <c>[samples, …SampleShape]</c>,
/// shared by the block; input results are kept per lane, <c>[inputs, BlockSize]</c> (element-major), and
/// added to, so that the caller sums the lanes once after many calls. Padding lanes get weight and
/// direction zero and must then contribute zero.
/// </remarks>
public interface IMotifNetworkBlockMetaGradient : IMotifNetworkBlockGradient
{
    /// <summary>
    /// The gradient of <c>Σ_l weights[l] · loss_l</c> (each lane's mean binary cross-entropy, as
    /// <see cref="IMotifNetworkBlockGradient.LossAndGradient"/> computes it).
    /// </summary>
    /// <param name="first">The block's first network.</param>
    /// <param name="parameters">Each lane's parameters <c>[P, BlockSize]</c>.</param>
    /// <param name="inputs">The shared samples.</param>
    /// <param name="targets">Binary targets <c>[samples, OutputSize]</c>.</param>
    /// <param name="samples">The number of samples.</param>
    /// <param name="weights">Each lane's weight <c>[BlockSize]</c>.</param>
    /// <param name="parameterGradient">Overwritten with each lane's weighted gradient <c>[P, BlockSize]</c>.</param>
    /// <param name="inputGradient">Added to: each lane's weighted gradient with respect to the inputs <c>[inputs, BlockSize]</c>.</param>
    void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient);

    /// <summary>
    /// For each lane, with g = ∇_θ loss and u the lane's <paramref name="direction"/>: the gradient of
    /// ⟨g, u⟩ with respect to the parameters (the Hessian times u) and to the inputs.
    /// </summary>
    /// <param name="first">The block's first network.</param>
    /// <param name="parameters">Each lane's parameters <c>[P, BlockSize]</c>.</param>
    /// <param name="inputs">The shared samples.</param>
    /// <param name="targets">Binary targets <c>[samples, OutputSize]</c>.</param>
    /// <param name="samples">The number of samples.</param>
    /// <param name="direction">Each lane's direction u <c>[P, BlockSize]</c>.</param>
    /// <param name="parameterProduct">Overwritten with each lane's Hessian times u <c>[P, BlockSize]</c>.</param>
    /// <param name="inputProduct">Added to: each lane's gradient of ⟨g, u⟩ with respect to the inputs <c>[inputs, BlockSize]</c>.</param>
    void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct);
}
