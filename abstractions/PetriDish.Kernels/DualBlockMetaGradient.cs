namespace PetriDish.Kernels;

/// <summary>
/// The two products of <c>PetriDish.Abstractions.IMotifNetworkBlockMetaGradient</c> from a block kernel
/// that also computes input gradients, compiled twice: on plain lanes (the weighted loss gradient) and on
/// <see cref="DualLanes{T}"/> (forward mode over the gradient: with the parameters' tangents set to the
/// direction u, the gradient's tangents are the Hessian times u, and the input gradient's tangents are
/// ∇ₓ⟨∇_θ loss, u⟩ by the symmetry of mixed second derivatives).
/// </summary>
/// <remarks>Not thread-safe: the scratch arrays belong to the instance.</remarks>
/// <param name="plain">The kernel on plain lanes.</param>
/// <param name="dual">The same kernel on dual lanes of the same width.</param>
/// <param name="lanes">Lanes per block.</param>
public sealed class DualBlockMetaGradient(IBlockGradients plain, IBlockGradients dual, int lanes)
{
    private float[] _inputGradient = [];
    private float[] _dualParameters = [];
    private float[] _dualGradient = [];
    private float[] _dualInputGradient = [];

    /// <summary>
    /// Each lane's gradient of <c>weights[l] · loss_l</c> with respect to its parameters (overwritten)
    /// and to the inputs (added, <c>[inputs, lanes]</c>).
    /// </summary>
    public void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient)
    {
        Ensure(ref _inputGradient, inputs.Length * lanes);
        plain.LossAndGradients(first, parameters, inputs, targets, samples, parameterGradient, _inputGradient, default);
        for (var i = 0; i < parameterGradient.Length; i++)
        {
            parameterGradient[i] *= weights[i % lanes];
        }

        for (var i = 0; i < inputGradient.Length; i++)
        {
            inputGradient[i] += _inputGradient[i] * weights[i % lanes];
        }
    }

    /// <summary>
    /// Each lane's Hessian times its <paramref name="direction"/> (overwritten) and the gradient of
    /// ⟨∇_θ loss, u⟩ with respect to the inputs (added, <c>[inputs, lanes]</c>).
    /// </summary>
    public void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct)
    {
        Ensure(ref _dualParameters, 2 * parameters.Length);
        Ensure(ref _dualGradient, 2 * parameters.Length);
        Ensure(ref _dualInputGradient, 2 * inputs.Length * lanes);
        // Dual layout per parameter: the lanes' values, then their tangents.
        for (var q = 0; q < parameters.Length / lanes; q++)
        {
            parameters.Slice(q * lanes, lanes).CopyTo(_dualParameters.AsSpan(2 * q * lanes, lanes));
            direction.Slice(q * lanes, lanes).CopyTo(_dualParameters.AsSpan(((2 * q) + 1) * lanes, lanes));
        }

        dual.LossAndGradients(first, _dualParameters, inputs, targets, samples, _dualGradient, _dualInputGradient, default);
        for (var q = 0; q < parameters.Length / lanes; q++)
        {
            _dualGradient.AsSpan(((2 * q) + 1) * lanes, lanes).CopyTo(parameterProduct.Slice(q * lanes, lanes));
        }

        for (var i = 0; i < inputs.Length; i++)
        {
            var tangents = _dualInputGradient.AsSpan(((2 * i) + 1) * lanes, lanes);
            var sums = inputProduct.Slice(i * lanes, lanes);
            for (var l = 0; l < lanes; l++)
            {
                sums[l] += tangents[l];
            }
        }
    }

    private static void Ensure(ref float[] buffer, int length)
    {
        if (buffer.Length != length)
        {
            buffer = new float[length];
        }
    }
}
