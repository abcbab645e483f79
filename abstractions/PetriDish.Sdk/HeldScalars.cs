using TorchSharp;

namespace PetriDish.Sdk;

/// <summary>
/// Scalars that are never collected, for tensor arithmetic in loops that run millions of operations
/// (inner training loops, motif-network forwards).
/// </summary>
/// <remarks>
/// TorchSharp 0.107 passes a <see cref="Scalar"/>'s native handle to LibTorch without keeping the
/// Scalar alive during the call, and its implicit conversions (<c>tensor + 1e-8</c>, and the hidden
/// <c>alpha = 1</c> of every <c>a + b</c>, the exponent of <c>square()</c>) create Scalars that nothing
/// holds. A garbage collection during the native call can finalise such a Scalar while LibTorch reads
/// it: a rare crash ("Expected false to be true" from <c>Scalar::toFloat</c>), seen once after hours
/// of Petri-dish fits and reproduced by collecting continuously during a fit. Hot loops
/// therefore use the explicit overloads with held Scalars — these, or their own in <c>using</c>
/// variables — e.g. <c>a.add(b, HeldScalars.One)</c> instead of <c>a + b</c>.
/// </remarks>
public static class HeldScalars
{
    /// <summary>1, the <c>alpha</c> of a plain addition.</summary>
    public static Scalar One { get; } = 1.0.ToScalar();

    /// <summary>−1, the <c>alpha</c> of a plain subtraction.</summary>
    public static Scalar MinusOne { get; } = (-1.0).ToScalar();
}
