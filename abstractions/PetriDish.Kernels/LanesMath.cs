using System.Runtime.CompilerServices;

namespace PetriDish.Kernels;

/// <summary>The functions the block kernel needs, on any lanes.</summary>
public static class LanesMath
{
    /// <summary>
    /// e^x in float32 to about one ulp (Cephes' expf: e^x = 2ⁿ·e^r with r = x − n·ln 2, a degree-5
    /// polynomial for e^r), about twice as fast as the runtime's vector exp, which computes in double.
    /// Below −87.3 it returns 2⁻¹²⁶ rather than a subnormal; above 88 it overflows to infinity; NaN stays NaN.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Exp<T>(T x)
        where T : struct, ILanes<T>
    {
        var clamped = T.Min(T.Max(x, T.Create(-87.3f)), T.Create(88.7f));
        var n = T.Floor(T.MultiplyAdd(clamped, T.Create(1.44269504088896341f), T.Create(0.5f)));
        // ln 2 in two parts, so that r keeps its low bits.
        var r = T.MultiplyAdd(n, T.Create(2.12194440e-4f), T.MultiplyAdd(n, T.Create(-0.693359375f), clamped));
        var p = T.MultiplyAdd(T.Create(1.9875691500e-4f), r, T.Create(1.3981999507e-3f));
        p = T.MultiplyAdd(p, r, T.Create(8.3334519073e-3f));
        p = T.MultiplyAdd(p, r, T.Create(4.1665795894e-2f));
        p = T.MultiplyAdd(p, r, T.Create(1.6666665459e-1f));
        p = T.MultiplyAdd(p, r, T.Create(5.0000001201e-1f));
        var er = T.MultiplyAdd(p * r, r, r + T.One);
        // Min and max may drop a NaN (the platform's instructions do): put it back.
        return T.KeepNaN(x, er * T.TwoToThe(n));
    }

    /// <summary>
    /// Binary cross-entropy of logit <paramref name="z"/> against target <paramref name="y"/>, as
    /// libtorch's <c>binary_cross_entropy_with_logits</c> computes it: max(z, 0) − z·y + log(1 + e^(−|z|)).
    /// Its derivative in z is σ(z) − y.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T BinaryCrossEntropyWithLogits<T>(T z, T y)
        where T : struct, ILanes<T> => T.Max(z, T.Zero) - (z * y) + T.Log(T.One + Exp(-T.Abs(z)));

    /// <summary>
    /// σ(z) = 1 / (1 + e^−z), from e = e^−|z| ≤ 1 (σ = 1/(1 + e) for z &gt; 0, e/(1 + e) otherwise): no
    /// intermediate overflows, so that on <see cref="DualLanes{T}"/> the derivative stays finite too
    /// (an infinite e^−z would make it ∞ · 0).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T z)
        where T : struct, ILanes<T>
    {
        var e = Exp(-T.Abs(z));
        var positive = T.One / (T.One + e);
        return T.WherePositive(z, positive, e * positive);
    }

    /// <summary>tanh(x) = sign(x)·(1 − e)/(1 + e) with e = e^−2|x| ≤ 1: no intermediate overflows (see <see cref="Sigmoid{T}"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Tanh<T>(T x)
        where T : struct, ILanes<T>
    {
        var e = Exp(-T.Abs(x + x));
        var magnitude = (T.One - e) / (T.One + e);
        return T.WherePositive(x, magnitude, -magnitude);
    }
}
