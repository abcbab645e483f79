using System.Runtime.Intrinsics;

using System.Runtime.CompilerServices;

namespace PetriDish.Kernels;

/// <summary>Lanes of <see cref="Vector512{T}"/>: 16 networks per vector where the machine has AVX-512.</summary>
/// <param name="value">The lanes.</param>
public readonly struct Vector512Lanes(Vector512<float> value) : ILanes<Vector512Lanes>
{
    private readonly Vector512<float> _value = value;

    /// <inheritdoc/>
    public static int Count => Vector512<float>.Count;

    /// <inheritdoc/>
    public static Vector512Lanes Zero => new(Vector512<float>.Zero);

    /// <inheritdoc/>
    public static Vector512Lanes One => new(Vector512<float>.One);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Create(float value) => new(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Create(ReadOnlySpan<float> values) => new(Vector512.Create(values));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator +(Vector512Lanes left, Vector512Lanes right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator -(Vector512Lanes left, Vector512Lanes right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator *(Vector512Lanes left, Vector512Lanes right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator /(Vector512Lanes left, Vector512Lanes right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes operator -(Vector512Lanes value) => new(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes MultiplyAdd(Vector512Lanes a, Vector512Lanes b, Vector512Lanes c) => new(Vector512.FusedMultiplyAdd(a._value, b._value, c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Max(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Max(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Min(Vector512Lanes left, Vector512Lanes right) => new(Vector512.Min(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Abs(Vector512Lanes value) => new(Vector512.Abs(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Floor(Vector512Lanes value) => new(Vector512.Floor(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Log(Vector512Lanes value) => new(Vector512.Log(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes Sqrt(Vector512Lanes value) => new(Vector512.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes WherePositive(Vector512Lanes value, Vector512Lanes ifPositive, Vector512Lanes otherwise) =>
        new(Vector512.ConditionalSelect(Vector512.GreaterThan(value._value, Vector512<float>.Zero), ifPositive._value, otherwise._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes KeepNaN(Vector512Lanes x, Vector512Lanes value) =>
        new(Vector512.ConditionalSelect(Vector512.Equals(x._value, x._value), value._value, x._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512Lanes TwoToThe(Vector512Lanes n) =>
        new(Vector512.ShiftLeft(Vector512.ConvertToInt32(n._value) + Vector512.Create(127), 23).AsSingle());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void CopyTo(Span<float> destination) => _value.CopyTo(destination);
}
