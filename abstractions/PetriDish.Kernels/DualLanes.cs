using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace PetriDish.Kernels;

/// <summary>
/// Lanes of dual numbers: each lane's value and its tangent (the derivative along one direction), so
/// that a kernel written against <see cref="ILanes{TSelf}"/> computes, unchanged, its results' derivatives
/// too (forward-mode differentiation). Run on a kernel's gradient, with the parameters' tangents set to
/// a direction u, it gives the Hessian times u: the second-order product a meta-gradient needs, without
/// writing the kernel's second derivatives by hand.
/// </summary>
/// <remarks>
/// Layout: <typeparamref name="T"/>'s value lanes, then its tangent lanes; so a float span of a kernel's
/// parameters holds, per parameter, the values of all lanes and then their tangents. Derivatives at the
/// kinks (max, min, |x|, selects) are those of the branch taken; floor and 2ⁿ are flat.
/// </remarks>
/// <typeparam name="T">The lanes underneath.</typeparam>
[StructLayout(LayoutKind.Sequential)]
public readonly struct DualLanes<T>(T value, T tangent) : ILanes<DualLanes<T>>
    where T : struct, ILanes<T>
{
    /// <summary>The lanes' values.</summary>
    public T Value { get; } = value;

    /// <summary>The lanes' derivatives along the direction.</summary>
    public T Tangent { get; } = tangent;

    /// <inheritdoc/>
    public static int Count => T.Count;

    /// <inheritdoc/>
    public static DualLanes<T> Zero => new(T.Zero, T.Zero);

    /// <inheritdoc/>
    public static DualLanes<T> One => new(T.One, T.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Create(float value) => new(T.Create(value), T.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Create(ReadOnlySpan<float> values) => new(T.Create(values), T.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator +(DualLanes<T> left, DualLanes<T> right) => new(left.Value + right.Value, left.Tangent + right.Tangent);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator -(DualLanes<T> left, DualLanes<T> right) => new(left.Value - right.Value, left.Tangent - right.Tangent);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator *(DualLanes<T> left, DualLanes<T> right) =>
        new(left.Value * right.Value, T.MultiplyAdd(left.Tangent, right.Value, left.Value * right.Tangent));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator /(DualLanes<T> left, DualLanes<T> right)
    {
        var quotient = left.Value / right.Value;
        return new(quotient, (left.Tangent - (quotient * right.Tangent)) / right.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> operator -(DualLanes<T> value) => new(-value.Value, -value.Tangent);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> MultiplyAdd(DualLanes<T> a, DualLanes<T> b, DualLanes<T> c) =>
        new(T.MultiplyAdd(a.Value, b.Value, c.Value), T.MultiplyAdd(a.Tangent, b.Value, T.MultiplyAdd(a.Value, b.Tangent, c.Tangent)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Max(DualLanes<T> left, DualLanes<T> right) =>
        new(T.Max(left.Value, right.Value), T.WherePositive(left.Value - right.Value, left.Tangent, right.Tangent));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Min(DualLanes<T> left, DualLanes<T> right) =>
        new(T.Min(left.Value, right.Value), T.WherePositive(right.Value - left.Value, left.Tangent, right.Tangent));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Abs(DualLanes<T> value) =>
        new(T.Abs(value.Value), T.WherePositive(value.Value, value.Tangent, -value.Tangent));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Floor(DualLanes<T> value) => new(T.Floor(value.Value), T.Zero);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Log(DualLanes<T> value) => new(T.Log(value.Value), value.Tangent / value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> Sqrt(DualLanes<T> value)
    {
        var root = T.Sqrt(value.Value);
        return new(root, value.Tangent / (root + root));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> WherePositive(DualLanes<T> value, DualLanes<T> ifPositive, DualLanes<T> otherwise) =>
        new(T.WherePositive(value.Value, ifPositive.Value, otherwise.Value), T.WherePositive(value.Value, ifPositive.Tangent, otherwise.Tangent));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> KeepNaN(DualLanes<T> x, DualLanes<T> value) =>
        new(T.KeepNaN(x.Value, value.Value), T.KeepNaN(x.Value, value.Tangent));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualLanes<T> TwoToThe(DualLanes<T> n) => new(T.TwoToThe(n.Value), T.Zero);

    /// <summary>Writes the lanes' values (not their tangents) to <paramref name="destination"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CopyTo(Span<float> destination) => Value.CopyTo(destination);
}
