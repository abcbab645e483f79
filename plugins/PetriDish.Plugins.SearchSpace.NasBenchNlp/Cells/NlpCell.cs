using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// A recurrent cell of the NAS-Bench-NLP space in canonical form: its nodes in a canonical
/// topological order, each reading earlier slots (<see cref="CellSlots"/>). The key lists the node
/// definitions in that order, e.g. an Elman-like cell
/// <c>nlp-cell:n0=linear(x h_prev_0);h_new_0=tanh(n0)</c>. Two recipes that differ only in their
/// node names, the order of their definitions, the order of a commutative node's inputs or nodes no
/// output depends on have the same key. Build cells with <see cref="CellCanonicalizer"/>.
/// </summary>
public sealed class NlpCell : IMotif, IEquatable<NlpCell>
{
    /// <summary>The prefix of every key.</summary>
    public const string Prefix = "nlp-cell:";

    internal NlpCell(int hiddenStates, IReadOnlyList<CellNode> nodes, string key)
    {
        HiddenStates = hiddenStates;
        Nodes = nodes;
        Key = key;
        var outputs = new int[hiddenStates];
        for (var i = 0; i < nodes.Count; i++)
        {
            if (nodes[i].IsOutput)
            {
                outputs[nodes[i].Output] = i;
            }
        }

        OutputNodes = outputs;
    }

    /// <summary>The number of hidden states k (1–3): the cell reads <c>h_prev_0…k−1</c> and writes <c>h_new_0…k−1</c>.</summary>
    public int HiddenStates { get; }

    /// <summary>The nodes in canonical order; node i is slot <see cref="CellSlots.Node"/>(i).</summary>
    public IReadOnlyList<CellNode> Nodes { get; }

    /// <summary>For each hidden state j, the index of the node that computes <c>h_new_j</c>.</summary>
    public IReadOnlyList<int> OutputNodes { get; }

    public string Key { get; }

    /// <summary>The cell as the release writes recipes: node name → op and input names.</summary>
    public IReadOnlyList<NamedNode> ToNamedNodes()
    {
        var names = Nodes.Select((node, i) => node.IsOutput ? CellSlots.OutputName(node.Output) : $"node_{i}").ToArray();
        string Name(int slot) => slot < CellSlots.FirstNode ? CellSlots.InputName(slot) : names[slot - CellSlots.FirstNode];
        return [.. Nodes.Select((node, i) => new NamedNode(names[i], node.Op, [.. node.Inputs.Select(Name)]))];
    }

    public bool Equals(NlpCell? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as NlpCell);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}
