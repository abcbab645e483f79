namespace PetriDish.Plugins.SearchSpace.Activation.Data;

/// <summary>The contents of an IDX file of unsigned bytes: its dimensions and its data, row-major.</summary>
public sealed class IdxArray(IReadOnlyList<int> dimensions, byte[] data)
{
    public IReadOnlyList<int> Dimensions { get; } = dimensions;

    public byte[] Data { get; } = data;

    /// <summary>The size of the first dimension (the number of items).</summary>
    public int Count => Dimensions[0];

    /// <summary>Bytes per item: the product of the remaining dimensions.</summary>
    public int ItemSize => Dimensions.Skip(1).Aggregate(1, (a, b) => a * b);
}
