using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// A small random change of a cell, as NASLib mutates this space: another operation of the same
/// arity for one node (an activation for another, prod for sum, a 3-input linear for a blend), or
/// one input of one node rewired to another earlier node or cell input. Changes that give an invalid
/// or the same cell are drawn again.
/// </summary>
public static class CellMutation
{
    private const int Attempts = 200;

    /// <summary>A valid cell that differs from <paramref name="cell"/>, or null if none was found.</summary>
    public static NlpCell? Mutate(NlpCell cell, Random random)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(random);
        var nodes = cell.ToNamedNodes();
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var index = random.Next(nodes.Count);
            var node = nodes[index];
            var changed = random.Next(2) == 0 ? WithOtherOp(node, random) : WithOtherInput(node, index, nodes, cell.HiddenStates, random);
            if (changed is null)
            {
                continue;
            }

            try
            {
                var mutated = CellCanonicalizer.Canonicalize([.. nodes.Select((n, i) => i == index ? changed : n)], "a mutated cell");
                if (mutated.Key != cell.Key)
                {
                    return mutated;
                }
            }
            catch (MotifFormatException)
            {
                // An invalid change (an input x for a non-linear node, a cycle): draw another.
            }
        }

        return null;
    }

    private static NamedNode? WithOtherOp(NamedNode node, Random random)
    {
        var options = CellOps.All.Where(op => op != node.Op
            && CellOps.MinimumInputs(op) <= node.Inputs.Count && node.Inputs.Count <= CellOps.MaximumInputs(op)).ToList();
        return options.Count == 0 ? null : node with { Op = options[random.Next(options.Count)] };
    }

    private static NamedNode? WithOtherInput(NamedNode node, int index, IReadOnlyList<NamedNode> nodes, int hiddenStates, Random random)
    {
        // Earlier nodes in canonical order keep the graph acyclic; the canonicaliser checks the rest.
        var candidates = new List<string> { "x" };
        candidates.AddRange(Enumerable.Range(0, hiddenStates).Select(j => $"h_prev_{j}"));
        candidates.AddRange(nodes.Take(index).Select(n => n.Name));
        candidates.RemoveAll(node.Inputs.Contains);
        if (candidates.Count == 0)
        {
            return null;
        }

        var inputs = node.Inputs.ToArray();
        inputs[random.Next(inputs.Length)] = candidates[random.Next(candidates.Count)];
        return node with { Inputs = inputs };
    }
}
