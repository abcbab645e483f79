using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>The tabulated cells with their encodings and token sequences, for moves that must stay in the table.</summary>
internal sealed class TabulatedIndex
{
    private readonly double[][] _encodings;
    private readonly int[][] _tokens;
    private readonly CellEncoding _encoding;

    public TabulatedIndex(IReadOnlyList<NlpCell> cells, CellEncoding encoding, ITokenForm tokens)
    {
        Cells = cells;
        _encoding = encoding;
        _encodings = [.. cells.Select(encoding.Encode)];
        _tokens = [.. cells.Select(c => tokens.ToTokens(c).ToArray())];
    }

    /// <summary>The tabulated cells, ordered by key.</summary>
    public IReadOnlyList<NlpCell> Cells { get; }

    /// <summary>Another tabulated cell: the i-th nearest to <paramref name="cell"/> (Hamming distance of encodings) with probability 2^−(i+1).</summary>
    public NlpCell Nearby(NlpCell cell, Random random)
    {
        var origin = _encoding.Encode(cell);
        var order = Enumerable.Range(0, Cells.Count).Where(i => Cells[i].Key != cell.Key)
            .OrderBy(i => Distance(origin, _encodings[i])).ThenBy(i => i).ToList();
        if (order.Count == 0)
        {
            return cell;
        }

        var pick = 0;
        while (pick < order.Count - 1 && random.Next(2) == 1)
        {
            pick++;
        }

        return Cells[order[pick]];
    }

    /// <summary>The tabulated cell whose token sequence differs from <paramref name="tokens"/> in the fewest positions (the first by key on ties).</summary>
    public NlpCell NearestByTokens(IReadOnlyList<int> tokens)
    {
        var best = 0;
        var bestDistance = int.MaxValue;
        for (var i = 0; i < _tokens.Length; i++)
        {
            var distance = 0;
            for (var t = 0; t < tokens.Count && distance < bestDistance; t++)
            {
                distance += _tokens[i][t] == tokens[t] ? 0 : 1;
            }

            if (distance < bestDistance)
            {
                (best, bestDistance) = (i, distance);
            }
        }

        return Cells[best];
    }

    private static int Distance(double[] a, double[] b)
    {
        var distance = 0;
        for (var i = 0; i < a.Length; i++)
        {
            distance += a[i] == b[i] ? 0 : 1;
        }

        return distance;
    }
}
