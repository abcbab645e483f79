using static TorchSharp.torch;

namespace PetriDish.Abstractions;

/// <summary>
/// Optional for an <see cref="IMotifNetwork"/>: the inner training loss and its gradient written out
/// by hand. Where no meta-gradient is needed (ranking candidates with a fitted dish, the untracked
/// steps of a truncated unroll) the Petri dish then trains the motif-networks without autograd, with
/// far fewer tensor operations per step. Must agree with autograd on <see cref="IMotifNetwork.Forward"/>.
/// </summary>
public interface IMotifNetworkGradient
{
    /// <summary>
    /// The inner loss of every motif-network and its gradient with respect to each parameter tensor.
    /// </summary>
    /// <param name="parameters">As for <see cref="IMotifNetwork.Forward"/>: one tensor per entry, each <c>[N, …]</c>.</param>
    /// <param name="inputs">As for <see cref="IMotifNetwork.Forward"/>: <c>[batch, …SampleShape]</c>, or <c>[N, batch, …SampleShape]</c>.</param>
    /// <param name="targets">Binary targets <c>[N, batch, OutputSize]</c>.</param>
    /// <param name="computeLoss">Whether the loss itself is wanted (the inner loop needs it only after its last step).</param>
    /// <returns>
    /// The per-network loss <c>[N]</c>, the mean binary cross-entropy of the logits against the targets
    /// over samples and outputs (null unless <paramref name="computeLoss"/>); and the gradient of the sum
    /// of those losses with respect to each parameter tensor, in the order and shapes of <paramref name="parameters"/>.
    /// </returns>
    (Tensor? Loss, IReadOnlyList<Tensor> Gradients) LossAndGradients(IReadOnlyList<Tensor> parameters, Tensor inputs, Tensor targets, bool computeLoss);
}
