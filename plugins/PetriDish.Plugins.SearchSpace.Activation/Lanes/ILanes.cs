namespace PetriDish.Plugins.SearchSpace.Activation.Lanes;

/// <summary>
/// A vector of float32 lanes, one motif-network per lane, as the block kernel needs it: the kernel is
/// written once against this and compiled for the widest vectors the machine has (a struct type
/// argument, so every call is inlined; no interface dispatch at run time).
/// </summary>
/// <typeparam name="TSelf">The implementing struct; its layout must be exactly its lanes' floats.</typeparam>
internal interface ILanes<TSelf>
    where TSelf : struct, ILanes<TSelf>
{
    static abstract int Count { get; }

    static abstract TSelf Zero { get; }

    static abstract TSelf One { get; }

    static abstract TSelf Create(float value);

    static abstract TSelf Create(ReadOnlySpan<float> values);

    static abstract TSelf operator +(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf left, TSelf right);

    static abstract TSelf operator *(TSelf left, TSelf right);

    static abstract TSelf operator /(TSelf left, TSelf right);

    static abstract TSelf operator -(TSelf value);

    /// <summary><c>a·b + c</c> with one rounding (a fused multiply-add where the machine has one).</summary>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    static abstract TSelf Max(TSelf left, TSelf right);

    static abstract TSelf Min(TSelf left, TSelf right);

    static abstract TSelf Abs(TSelf value);

    static abstract TSelf Floor(TSelf value);

    static abstract TSelf Log(TSelf value);

    /// <summary><c>value &gt; 0 ? ifPositive : otherwise</c>, lane by lane.</summary>
    static abstract TSelf WherePositive(TSelf value, TSelf ifPositive, TSelf otherwise);

    /// <summary><paramref name="x"/> where it is NaN, else <paramref name="value"/>.</summary>
    static abstract TSelf KeepNaN(TSelf x, TSelf value);

    /// <summary>2ⁿ for whole numbers n in −126…127 (built from the exponent bits).</summary>
    static abstract TSelf TwoToThe(TSelf n);

    void CopyTo(Span<float> destination);
}
