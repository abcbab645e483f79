using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>
/// NAO's token form of a cell: per node position p &lt; M (canonical order), four tokens: the
/// operation with the node's output role, then up to three inputs. Op tokens: 1 = no node,
/// 2 + 4·op + role (role 0 = an inner node, 1 + j = h_new_j). Input tokens: none, x,
/// h_prev_0…2, then node 0…M−1 (a node reads only earlier positions).
/// </summary>
/// <remarks>
/// The per-position constraints (<see cref="AllowedTokens"/>) cannot express arities or "each
/// h_new_j exactly once", so a decoded sequence may not be a cell. With
/// <paramref name="nearest"/> (a table-backed space) every sequence maps to the tabulated cell whose
/// tokens differ in the fewest positions; without it, an invalid sequence is refused.
/// </remarks>
public sealed class CellTokenForm(int maxNodes, Func<IReadOnlyList<int>, IMotif>? nearest = null) : ITokenForm
{
    private const int NoNode = 1;
    private const int FirstOp = 2;
    private const int Roles = 1 + CellSlots.MaxHiddenStates;
    private const int TokensPerNode = 1 + GraphInputs;
    private const int GraphInputs = 3;
    private static readonly int FirstInput = FirstOp + (Roles * CellOps.All.Count);
    private static readonly int NoInput = FirstInput;

    public int VocabularySize => FirstInput + 1 + CellSlots.FirstNode + maxNodes;

    public int Length => TokensPerNode * maxNodes;

    public IReadOnlyList<int> ToTokens(IMotif motif)
    {
        var cell = motif as NlpCell ?? throw new ArgumentException($"'{motif?.Key}' is not a NAS-Bench-NLP cell", nameof(motif));
        if (cell.Nodes.Count > maxNodes)
        {
            throw new ArgumentException($"'{cell.Key}' has {cell.Nodes.Count} nodes; the token form holds {maxNodes}", nameof(motif));
        }

        var tokens = new int[Length];
        for (var p = 0; p < maxNodes; p++)
        {
            var at = p * TokensPerNode;
            if (p >= cell.Nodes.Count)
            {
                tokens[at] = NoNode;
                tokens.AsSpan(at + 1, GraphInputs).Fill(NoInput);
                continue;
            }

            var node = cell.Nodes[p];
            tokens[at] = FirstOp + (Roles * (int)node.Op) + node.Output + 1;
            for (var a = 0; a < GraphInputs; a++)
            {
                tokens[at + 1 + a] = a < node.Inputs.Count ? FirstInput + 1 + node.Inputs[a] : NoInput;
            }
        }

        return tokens;
    }

    public IMotif FromTokens(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count != Length)
        {
            throw new MotifFormatException("tokens " + string.Join(' ', tokens), $"a cell has {Length} tokens, not {tokens.Count}");
        }

        return nearest is not null ? nearest(tokens) : Decode(tokens);
    }

    /// <summary>The cell the tokens spell, exactly.</summary>
    /// <exception cref="MotifFormatException">The tokens do not spell a valid cell.</exception>
    public NlpCell Decode(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var shown = "tokens " + string.Join(' ', tokens);
        var names = new string?[maxNodes];
        var nodes = new List<NamedNode>();
        for (var p = 0; p < maxNodes; p++)
        {
            var at = p * TokensPerNode;
            var opToken = tokens[at];
            if (opToken == NoNode)
            {
                continue;
            }

            if (opToken < FirstOp || opToken >= FirstInput)
            {
                throw new MotifFormatException(shown, $"token {opToken} at position {at} is not an operation");
            }

            var op = (CellOp)((opToken - FirstOp) / Roles);
            var role = (opToken - FirstOp) % Roles;
            names[p] = role > 0 ? CellSlots.OutputName(role - 1) : $"node_{p}";
            var inputs = new List<string>();
            for (var a = 0; a < GraphInputs; a++)
            {
                var slot = tokens[at + 1 + a] - FirstInput - 1;
                if (slot == -1)
                {
                    continue;
                }

                if (slot < 0 || slot >= CellSlots.FirstNode + p)
                {
                    throw new MotifFormatException(shown, $"token {tokens[at + 1 + a]} at position {at + 1 + a} is not an input of node {p}");
                }

                inputs.Add(slot < CellSlots.FirstNode ? CellSlots.InputName(slot)
                    : names[slot - CellSlots.FirstNode] ?? throw new MotifFormatException(shown, $"node {p} reads position {slot - CellSlots.FirstNode}, which holds no node"));
            }

            nodes.Add(new NamedNode(names[p]!, op, inputs));
        }

        return CellCanonicalizer.Canonicalize(nodes, shown);
    }

    public IReadOnlyList<int> AllowedTokens(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Length);
        var p = position / TokensPerNode;
        return position % TokensPerNode == 0
            ? [.. Enumerable.Range(NoNode, FirstInput - NoNode)]
            : [.. Enumerable.Range(NoInput, 1 + CellSlots.FirstNode + p)];
    }
}
