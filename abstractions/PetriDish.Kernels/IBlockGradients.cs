namespace PetriDish.Kernels;

/// <summary>
/// A block kernel's loss and gradients, one network per lane, written against <see cref="ILanes{TSelf}"/>:
/// what <see cref="DualBlockMetaGradient"/> runs on plain lanes and on <see cref="DualLanes{T}"/>.
/// </summary>
public interface IBlockGradients
{
    /// <summary>
    /// Each lane's mean loss, its gradient with respect to the lane's parameters and, when
    /// <paramref name="inputGradient"/> is not empty, with respect to the shared inputs.
    /// </summary>
    /// <param name="first">The block's first network.</param>
    /// <param name="parameters">The lanes' parameters, parameter-major, in the kernel's lane type's layout.</param>
    /// <param name="inputs">The shared samples, row-major.</param>
    /// <param name="targets">The shared targets, row-major.</param>
    /// <param name="samples">The number of samples.</param>
    /// <param name="gradient">Overwritten with the parameters' gradient (layout as the parameters); empty for the loss only.</param>
    /// <param name="inputGradient">Overwritten with each lane's input gradient, element-major in the lane type's layout; or empty.</param>
    /// <param name="losses">Overwritten with each lane's loss; or empty.</param>
    void LossAndGradients(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> inputGradient, Span<float> losses);
}
