using System.Numerics;

using System.Runtime.CompilerServices;

namespace PetriDish.Kernels;

/// <summary>Lanes of <see cref="Vector{T}"/>: whatever width the runtime picks (256 bits on x64), on any machine.</summary>
/// <param name="value">The lanes.</param>
public readonly struct VectorLanes(Vector<float> value) : ILanes<VectorLanes>
{
    private readonly Vector<float> _value = value;

    /// <inheritdoc/>
    public static int Count => Vector<float>.Count;

    /// <inheritdoc/>
    public static VectorLanes Zero => new(Vector<float>.Zero);

    /// <inheritdoc/>
    public static VectorLanes One => new(Vector<float>.One);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Create(float value) => new(new Vector<float>(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Create(ReadOnlySpan<float> values) => new(new Vector<float>(values));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator +(VectorLanes left, VectorLanes right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator -(VectorLanes left, VectorLanes right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator *(VectorLanes left, VectorLanes right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator /(VectorLanes left, VectorLanes right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes operator -(VectorLanes value) => new(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes MultiplyAdd(VectorLanes a, VectorLanes b, VectorLanes c) => new(Vector.FusedMultiplyAdd(a._value, b._value, c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Max(VectorLanes left, VectorLanes right) => new(Vector.Max(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Min(VectorLanes left, VectorLanes right) => new(Vector.Min(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Abs(VectorLanes value) => new(Vector.Abs(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Floor(VectorLanes value) => new(Vector.Floor(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Log(VectorLanes value) => new(Vector.Log(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes Sqrt(VectorLanes value) => new(Vector.SquareRoot(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes WherePositive(VectorLanes value, VectorLanes ifPositive, VectorLanes otherwise) =>
        new(Vector.ConditionalSelect(Vector.GreaterThan(value._value, Vector<float>.Zero), ifPositive._value, otherwise._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes KeepNaN(VectorLanes x, VectorLanes value) =>
        new(Vector.ConditionalSelect(Vector.Equals(x._value, x._value), value._value, x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static VectorLanes TwoToThe(VectorLanes n) =>
        new(Vector.AsVectorSingle((Vector.ConvertToInt32(n._value) + new Vector<int>(127)) << 23));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CopyTo(Span<float> destination) => _value.CopyTo(destination);
}
