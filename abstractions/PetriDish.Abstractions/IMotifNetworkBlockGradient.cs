namespace PetriDish.Abstractions;

/// <summary>
/// Optional for an <see cref="IMotifNetwork"/>: the inner loss and gradient of a block of networks,
/// computed in managed code on CPU arrays in float32, one network per vector lane. Where no
/// meta-gradient is needed (ranking candidates with a fitted dish) the Petri dish then trains the
/// motif-networks block by block without libtorch: a block's parameters, optimizer state and
/// activations stay in the core's cache for all inner steps, and no tensor operation is dispatched.
/// Must agree with <see cref="IMotifNetwork.Forward"/> as <see cref="IMotifNetworkGradient"/> does.
/// </summary>
public interface IMotifNetworkBlockGradient
{
    /// <summary>Networks per block (lanes), e.g. <c>Vector&lt;float&gt;.Count</c>.</summary>
    int BlockSize { get; }

    /// <summary>
    /// The mean binary cross-entropy of each lane's logits against the targets (over samples and
    /// outputs), and its gradient with respect to the lane's parameters.
    /// </summary>
    /// <param name="first">The block's first network; lanes at or past <see cref="IMotifNetwork.Count"/> are padding, to be computed or not but never to fail.</param>
    /// <param name="parameters">
    /// <c>[P, BlockSize]</c>, parameter-major: parameter p of lane l at <c>p·BlockSize + l</c>; the P
    /// parameters are those of <see cref="IMotifNetworkFactory.CreateInitialParameters"/> flattened in order, row-major.
    /// </param>
    /// <param name="inputs">Synthetic samples <c>[samples, …SampleShape]</c>, row-major, shared by the block.</param>
    /// <param name="targets">Binary targets <c>[samples, OutputSize]</c>, row-major.</param>
    /// <param name="samples">The number of samples.</param>
    /// <param name="gradient">Overwritten with the gradient, laid out as <paramref name="parameters"/>; empty when only the loss is wanted.</param>
    /// <param name="losses">Overwritten with each lane's loss <c>[BlockSize]</c>; empty when not wanted.</param>
    void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses);
}
