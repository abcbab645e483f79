namespace PetriDish.Plugins.SearchSpace.NasBench201.Cells;

/// <summary>The operations' names as the benchmark writes them.</summary>
public static class CellOps
{
    /// <summary>Every operation, in <see cref="CellOp"/> order (the one-hot encoding's order).</summary>
    public static IReadOnlyList<CellOp> All { get; } = Enum.GetValues<CellOp>();

    private static readonly string[] Names = ["none", "skip_connect", "nor_conv_1x1", "nor_conv_3x3", "avg_pool_3x3"];

    /// <summary>The benchmark's name of <paramref name="op"/>, e.g. <c>nor_conv_3x3</c>.</summary>
    public static string NameOf(CellOp op) => Names[(int)op];

    /// <summary>The operation named <paramref name="name"/>, or null.</summary>
    public static CellOp? Find(string name)
    {
        var index = Array.IndexOf(Names, name);
        return index < 0 ? null : (CellOp)index;
    }

    /// <summary>The names, for messages.</summary>
    public static string Listed => string.Join(", ", Names);
}
