using System.Text;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Cells;

/// <summary>
/// A NAS-Bench-201 cell: 4 nodes, node j the sum of op(node i) over its edges from every i &lt; j. The
/// six edges in the benchmark's order are 1←0, 2←0, 2←1, 3←0, 3←1, 3←2. Its key is <c>nb201:</c> and
/// the benchmark's architecture string, e.g.
/// <c>nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|</c>.
/// </summary>
public sealed class Nb201Cell : IMotif, IEquatable<Nb201Cell>
{
    /// <summary>The prefix of every key of this space.</summary>
    public const string Prefix = "nb201:";

    /// <summary>The number of edges of every cell.</summary>
    public const int EdgeCount = 6;

    /// <summary>Each edge's (to, from) node, in the benchmark's order.</summary>
    public static IReadOnlyList<(int To, int From)> Edges { get; } = [(1, 0), (2, 0), (2, 1), (3, 0), (3, 1), (3, 2)];

    public Nb201Cell(IReadOnlyList<CellOp> ops)
    {
        ArgumentNullException.ThrowIfNull(ops);
        if (ops.Count != EdgeCount)
        {
            throw new ArgumentException($"a cell has {EdgeCount} edges, not {ops.Count}", nameof(ops));
        }

        Ops = [.. ops];
        Architecture = ArchitectureOf(Ops);
        Key = Prefix + Architecture;
    }

    /// <summary>The operation of each edge, in <see cref="Edges"/> order.</summary>
    public IReadOnlyList<CellOp> Ops { get; }

    /// <summary>The benchmark's architecture string (the key without its prefix).</summary>
    public string Architecture { get; }

    public string Key { get; }

    /// <summary>The cell's position among all 5⁶ cells when the edges are read as base-5 digits, the first edge most significant (not the benchmark's index).</summary>
    public int Ordinal => Ops.Aggregate(0, (n, op) => (n * CellOps.All.Count) + (int)op);

    /// <summary>The cell at <paramref name="ordinal"/> (see <see cref="Ordinal"/>).</summary>
    public static Nb201Cell FromOrdinal(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        var ops = new CellOp[EdgeCount];
        for (var e = EdgeCount - 1; e >= 0; e--)
        {
            ops[e] = (CellOp)(ordinal % CellOps.All.Count);
            ordinal /= CellOps.All.Count;
        }

        return ordinal == 0 ? new Nb201Cell(ops) : throw new ArgumentOutOfRangeException(nameof(ordinal), "there are 15,625 cells");
    }

    public bool Equals(Nb201Cell? other) => other is not null && Key == other.Key;

    public override bool Equals(object? obj) => Equals(obj as Nb201Cell);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;

    private static string ArchitectureOf(IReadOnlyList<CellOp> ops)
    {
        var text = new StringBuilder("|");
        for (var e = 0; e < EdgeCount; e++)
        {
            if (e > 0 && Edges[e].From == 0)
            {
                text.Append("+|");
            }

            text.Append(CellOps.NameOf(ops[e])).Append('~').Append(Edges[e].From).Append('|');
        }

        return text.ToString();
    }
}
