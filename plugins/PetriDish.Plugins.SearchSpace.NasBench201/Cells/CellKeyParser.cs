using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Cells;

/// <summary>
/// Reads the forms a user may write for a cell: the benchmark's architecture string (with or without
/// <c>nb201:</c>), the six edge operations in order (<c>nb201:nor_conv_3x3,none,…</c>, commas or
/// spaces), or the benchmark's index (<c>nb201:1462</c>, which needs the table that numbers them).
/// </summary>
internal static class CellKeyParser
{
    public static Nb201Cell Parse(string key, Func<int, Nb201Cell>? byIndex)
    {
        ArgumentNullException.ThrowIfNull(key);
        var text = key.Trim();
        var body = text.StartsWith(Nb201Cell.Prefix, StringComparison.Ordinal) ? text[Nb201Cell.Prefix.Length..] : text;
        if (body.Length == 0)
        {
            throw new MotifFormatException(key, $"no cell after '{Nb201Cell.Prefix}': write the benchmark's architecture string, the 6 edge operations in order, or the benchmark's index");
        }

        if (body.All(char.IsAsciiDigit))
        {
            if (!int.TryParse(body, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new MotifFormatException(key, "the benchmark's index is a number from 0 to 15,624");
            }

            return byIndex is null
                ? throw new MotifFormatException(key, "a cell given by its benchmark index needs the ground-truth table (groundTruth.table), which numbers the cells")
                : byIndex(index);
        }

        return body.StartsWith('|') ? FromArchitecture(key, body) : FromOps(key, body);
    }

    private static Nb201Cell FromArchitecture(string key, string body)
    {
        if (!body.EndsWith('|') || body.Length < 2)
        {
            throw new MotifFormatException(key, "an architecture string starts and ends with '|', e.g. |nor_conv_3x3~0|+|none~0|skip_connect~1|+|…~0|…~1|…~2|");
        }

        var nodes = body[1..^1].Split("|+|");
        if (nodes.Length != 3)
        {
            throw new MotifFormatException(key, $"an architecture string lists 3 nodes separated by '|+|'; this one lists {nodes.Length}");
        }

        var ops = new List<CellOp>();
        for (var node = 1; node <= 3; node++)
        {
            var edges = nodes[node - 1].Split('|');
            if (edges.Length != node)
            {
                throw new MotifFormatException(key, $"node {node} takes {node} edge(s) (from nodes 0…{node - 1}); '{nodes[node - 1]}' gives {edges.Length}");
            }

            for (var from = 0; from < node; from++)
            {
                var parts = edges[from].Split('~');
                if (parts.Length != 2 || parts[1] != from.ToString(CultureInfo.InvariantCulture))
                {
                    throw new MotifFormatException(key, $"edge {from + 1} of node {node} must read 'op~{from}' (its source node); found '{edges[from]}'");
                }

                ops.Add(OpNamed(key, parts[0]));
            }
        }

        return new Nb201Cell(ops);
    }

    private static Nb201Cell FromOps(string key, string body)
    {
        var names = body.Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (names.Length != Nb201Cell.EdgeCount)
        {
            throw new MotifFormatException(key, $"a cell has {Nb201Cell.EdgeCount} edges (1←0, 2←0, 2←1, 3←0, 3←1, 3←2); {names.Length} operation(s) given");
        }

        return new Nb201Cell([.. names.Select(n => OpNamed(key, n))]);
    }

    private static CellOp OpNamed(string key, string name) =>
        CellOps.Find(name) ?? throw new MotifFormatException(key, $"'{name}' is no operation of NAS-Bench-201 (one of {CellOps.Listed})");
}
