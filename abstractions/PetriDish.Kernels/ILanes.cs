namespace PetriDish.Kernels;

/// <summary>
/// A vector of float32 lanes, one motif-network per lane, as the block kernel needs it: a kernel is
/// written once against this and compiled for the widest vectors the machine has (a struct type
/// argument, so every call is inlined; no interface dispatch at run time).
/// </summary>
/// <typeparam name="TSelf">The implementing struct; its layout must be exactly its lanes' floats (kernels reinterpret float spans as spans of it).</typeparam>
public interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes 0.</summary>
    static abstract TSelf Zero { get; }

    /// <summary>All lanes 1.</summary>
    static abstract TSelf One { get; }

    /// <summary>Every lane <paramref name="value"/>.</summary>
    static abstract TSelf Create(float value);

    /// <summary>Lane l from <paramref name="values"/>[l].</summary>
    static abstract TSelf Create(ReadOnlySpan<float> values);

    /// <summary>Lane by lane.</summary>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>Lane by lane.</summary>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>Lane by lane.</summary>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>Lane by lane.</summary>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>Lane by lane.</summary>
    static abstract TSelf operator -(TSelf value);

    /// <summary><c>a·b + c</c> with one rounding (a fused multiply-add where the machine has one).</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>Lane by lane (a NaN may be dropped, as the platform's instruction does).</summary>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>Lane by lane (a NaN may be dropped, as the platform's instruction does).</summary>
    static abstract TSelf Min(TSelf left, TSelf right);

    /// <summary>Lane by lane.</summary>
    static abstract TSelf Abs(TSelf value);

    /// <summary>Lane by lane.</summary>
    static abstract TSelf Floor(TSelf value);

    /// <summary>Natural logarithm, lane by lane.</summary>
    static abstract TSelf Log(TSelf value);

    /// <summary>Square root, lane by lane.</summary>
    static abstract TSelf Sqrt(TSelf value);

    /// <summary><c>value &gt; 0 ? ifPositive : otherwise</c>, lane by lane.</summary>
    static abstract TSelf WherePositive(TSelf value, TSelf ifPositive, TSelf otherwise);

    /// <summary><paramref name="x"/> where it is NaN, else <paramref name="value"/>.</summary>
    static abstract TSelf KeepNaN(TSelf x, TSelf value);

    /// <summary>2ⁿ for whole numbers n in −126…127 (built from the exponent bits).</summary>
    static abstract TSelf TwoToThe(TSelf n);

    /// <summary>Writes the lanes to <paramref name="destination"/>.</summary>
    void CopyTo(Span<float> destination);
}
