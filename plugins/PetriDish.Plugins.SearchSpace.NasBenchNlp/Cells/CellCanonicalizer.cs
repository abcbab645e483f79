using System.Globalization;
using System.Text;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// Checks a cell given as named nodes (a recipe, a hand-written key) and gives it its canonical form:
/// the same key for every recipe of the same graph, whatever its node names, definition order or the
/// order of a commutative node's inputs.
/// </summary>
/// <remarks>
/// A cell is a DAG whose nodes are labelled by their operation (and, for outputs, by which
/// <c>h_new_j</c> they are). Its key lists the nodes in a topological order with generated names;
/// the canonical key is the smallest such listing (ordinal) over all node orders that a
/// Weisfeiler–Lehman colour refinement (labels, ordered or unordered children, parents with their
/// role) cannot tell apart. Nodes the refinement leaves tied are structurally alike (e.g. two linear
/// nodes reading the same inputs), so only a handful of orders are ever tried; the two such nodes
/// stay two nodes, as they have their own weights. Nodes that no output depends on are dropped:
/// they change nothing a cell computes.
/// </remarks>
public static class CellCanonicalizer
{
    // Tied nodes are permuted to find the smallest listing; more orders than this would mean a
    // pathologically symmetric hand-written cell, refused rather than left to run for minutes.
    private const int MaxOrderings = 40320;

    /// <summary>The canonical cell of <paramref name="definitions"/>; <paramref name="shown"/> names the cell in errors.</summary>
    /// <exception cref="MotifFormatException">The nodes do not form a valid cell of the space; the message says why.</exception>
    public static NlpCell Canonicalize(IReadOnlyList<NamedNode> definitions, string shown)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        var graph = Check(definitions, shown);
        var colours = Refine(graph);
        var best = (Key: (string?)null, Order: Array.Empty<int>());
        foreach (var ranks in Orderings(colours, shown))
        {
            var order = TopologicalOrder(graph, ranks);
            var key = Serialize(graph, order);
            if (best.Key is null || string.CompareOrdinal(key, best.Key) < 0)
            {
                best = (key, order);
            }
        }

        return Build(graph, best.Order, best.Key!);
    }

    /// <summary>The live nodes of a checked cell: operation, output role, and inputs as slots or (for nodes) <c>FirstNode + node</c>.</summary>
    private sealed record Graph(int HiddenStates, CellOp[] Ops, int[] Outputs, int[][] Inputs)
    {
        public int Count => Ops.Length;
    }

    private static Graph Check(IReadOnlyList<NamedNode> definitions, string shown)
    {
        MotifFormatException Fail(string reason) => new(shown, reason);
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var outputs = new int[definitions.Count];
        for (var i = 0; i < definitions.Count; i++)
        {
            var name = definitions[i].Name;
            if (name == "x" || PreviousIndex(name) >= 0)
            {
                throw Fail($"'{name}' is an input of the cell; it cannot be defined");
            }

            if (!IsName(name))
            {
                throw Fail($"'{name}' is not a node name (letters, digits and _, not starting with a digit)");
            }

            if (!index.TryAdd(name, i))
            {
                throw Fail($"'{name}' is defined twice");
            }

            outputs[i] = OutputIndex(name);
        }

        var hidden = outputs.DefaultIfEmpty(-1).Max() + 1;
        if (hidden == 0)
        {
            throw Fail("no output: a cell computes h_new_0 (and h_new_1, h_new_2 when it has more hidden states)");
        }

        if (hidden > CellSlots.MaxHiddenStates)
        {
            throw Fail($"h_new_{hidden - 1}: a cell has at most {CellSlots.MaxHiddenStates} hidden states (h_new_0…h_new_{CellSlots.MaxHiddenStates - 1})");
        }

        for (var j = 0; j < hidden; j++)
        {
            if (!outputs.Contains(j))
            {
                throw Fail($"h_new_{j} is missing: a cell that computes h_new_{hidden - 1} computes every h_new_0…h_new_{hidden - 1}");
            }
        }

        var inputs = new int[definitions.Count][];
        for (var i = 0; i < definitions.Count; i++)
        {
            var node = definitions[i];
            var count = node.Inputs.Count;
            if (count < CellOps.MinimumInputs(node.Op) || count > CellOps.MaximumInputs(node.Op))
            {
                throw Fail($"'{node.Name}' = {CellOps.KeyName(node.Op)} takes {CellOps.Arity(node.Op)}, not {count}");
            }

            if (node.Inputs.Distinct(StringComparer.Ordinal).Count() != count)
            {
                throw Fail($"'{node.Name}' reads the same input twice");
            }

            inputs[i] = new int[count];
            for (var a = 0; a < count; a++)
            {
                var input = node.Inputs[a];
                if (input == "x")
                {
                    if (node.Op != CellOp.Linear)
                    {
                        throw Fail($"'{node.Name}' = {CellOps.KeyName(node.Op)} reads x; only linear nodes read the cell's input x (as in the release)");
                    }

                    inputs[i][a] = CellSlots.Input;
                }
                else if (PreviousIndex(input) is var j && j >= 0)
                {
                    if (j >= hidden)
                    {
                        throw Fail($"'{node.Name}' reads h_prev_{j}, but the cell has {hidden} hidden state(s): h_prev_{j} is the h_new_{j} of the previous step, which this cell does not compute");
                    }

                    inputs[i][a] = CellSlots.Previous(j);
                }
                else if (index.TryGetValue(input, out var source))
                {
                    inputs[i][a] = CellSlots.FirstNode + source;
                }
                else
                {
                    throw Fail($"'{node.Name}' reads '{input}', which is not defined");
                }
            }
        }

        EnsureAcyclic(definitions, inputs, Fail);
        return Live(hidden, definitions, outputs, inputs);
    }

    private static void EnsureAcyclic(IReadOnlyList<NamedNode> definitions, int[][] inputs, Func<string, MotifFormatException> fail)
    {
        var state = new byte[definitions.Count]; // 0 unseen, 1 on the path, 2 done
        void Visit(int node, List<string> path)
        {
            state[node] = 1;
            path.Add(definitions[node].Name);
            foreach (var slot in inputs[node].Where(s => s >= CellSlots.FirstNode))
            {
                var source = slot - CellSlots.FirstNode;
                if (state[source] == 1)
                {
                    var cycle = path.Skip(path.IndexOf(definitions[source].Name)).Append(definitions[source].Name);
                    throw fail($"the nodes form a cycle ({string.Join(" ← ", cycle)}); a cell is acyclic within a time step (previous states come in as h_prev_j)");
                }

                if (state[source] == 0)
                {
                    Visit(source, path);
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
        }

        for (var node = 0; node < definitions.Count; node++)
        {
            if (state[node] == 0)
            {
                Visit(node, []);
            }
        }
    }

    /// <summary>Keeps the nodes some output depends on, renumbered in their original order.</summary>
    private static Graph Live(int hidden, IReadOnlyList<NamedNode> definitions, int[] outputs, int[][] inputs)
    {
        var live = new bool[definitions.Count];
        var pending = new Stack<int>(Enumerable.Range(0, definitions.Count).Where(i => outputs[i] >= 0));
        while (pending.TryPop(out var node))
        {
            if (live[node])
            {
                continue;
            }

            live[node] = true;
            foreach (var slot in inputs[node].Where(s => s >= CellSlots.FirstNode))
            {
                pending.Push(slot - CellSlots.FirstNode);
            }
        }

        var renumber = new int[definitions.Count];
        var kept = Enumerable.Range(0, definitions.Count).Where(i => live[i]).ToArray();
        for (var i = 0; i < kept.Length; i++)
        {
            renumber[kept[i]] = i;
        }

        return new Graph(
            hidden,
            [.. kept.Select(i => definitions[i].Op)],
            [.. kept.Select(i => outputs[i])],
            [.. kept.Select(i => inputs[i].Select(s => s >= CellSlots.FirstNode ? CellSlots.FirstNode + renumber[s - CellSlots.FirstNode] : s).ToArray())]);
    }

    /// <summary>
    /// Weisfeiler–Lehman colours: a node's colour is refined by its children's colours (in order for
    /// a blend, as a multiset otherwise) and its parents' colours with its role in them, until the
    /// partition stops changing. Colours are ranks of canonical signatures, so they do not depend on
    /// how the recipe named or ordered its nodes.
    /// </summary>
    private static int[] Refine(Graph graph)
    {
        var parents = Enumerable.Range(0, graph.Count).Select(_ => new List<(int Parent, string Role)>()).ToArray();
        for (var node = 0; node < graph.Count; node++)
        {
            for (var a = 0; a < graph.Inputs[node].Length; a++)
            {
                var slot = graph.Inputs[node][a];
                if (slot >= CellSlots.FirstNode)
                {
                    parents[slot - CellSlots.FirstNode].Add((node, CellOps.IsCommutative(graph.Ops[node]) ? "*" : a.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }

        var colours = Ranks([.. Enumerable.Range(0, graph.Count).Select(n => CellOps.KeyName(graph.Ops[n]) + (graph.Outputs[n] >= 0 ? "@" + graph.Outputs[n].ToString(CultureInfo.InvariantCulture) : ""))]);
        var distinct = colours.Distinct().Count();
        for (var round = 0; round < graph.Count; round++)
        {
            var current = colours;
            string Child(int slot) => slot < CellSlots.FirstNode ? CellSlots.InputName(slot) : "c" + current[slot - CellSlots.FirstNode].ToString(CultureInfo.InvariantCulture);
            var signatures = Enumerable.Range(0, graph.Count).Select(n =>
            {
                var children = graph.Inputs[n].Select(Child);
                if (CellOps.IsCommutative(graph.Ops[n]))
                {
                    children = children.Order(StringComparer.Ordinal);
                }

                var above = parents[n].Select(p => current[p.Parent].ToString(CultureInfo.InvariantCulture) + "#" + p.Role).Order(StringComparer.Ordinal);
                return string.Create(CultureInfo.InvariantCulture, $"{current[n]}({string.Join(' ', children)})[{string.Join(' ', above)}]");
            }).ToArray();
            colours = Ranks(signatures);
            var refined = colours.Distinct().Count();
            if (refined == distinct)
            {
                break;
            }

            distinct = refined;
        }

        return colours;
    }

    private static int[] Ranks(string[] signatures)
    {
        var order = signatures.Distinct().Order(StringComparer.Ordinal).Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        return [.. signatures.Select(s => order[s])];
    }

    /// <summary>Every total order of the nodes that refines the colour order (as ranks per node).</summary>
    private static IEnumerable<int[]> Orderings(int[] colours, string shown)
    {
        var classes = colours.Select((c, node) => (c, node)).GroupBy(p => p.c).OrderBy(g => g.Key).Select(g => g.Select(p => p.node).ToArray()).ToArray();
        var total = 1L;
        foreach (var size in classes.Select(c => c.Length))
        {
            for (var f = 2; f <= size; f++)
            {
                total *= f;
                if (total > MaxOrderings)
                {
                    throw new MotifFormatException(shown, $"the cell has too many interchangeable nodes to canonicalise (more than {MaxOrderings} orders)");
                }
            }
        }

        return Expand(classes, 0, new int[colours.Length], 0);
    }

    private static IEnumerable<int[]> Expand(int[][] classes, int classIndex, int[] ranks, int nextRank)
    {
        if (classIndex == classes.Length)
        {
            yield return (int[])ranks.Clone();
            yield break;
        }

        foreach (var permutation in Permutations(classes[classIndex]))
        {
            for (var i = 0; i < permutation.Length; i++)
            {
                ranks[permutation[i]] = nextRank + i;
            }

            foreach (var result in Expand(classes, classIndex + 1, ranks, nextRank + permutation.Length))
            {
                yield return result;
            }
        }
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }

        for (var first = 0; first < items.Length; first++)
        {
            var rest = items.Where((_, i) => i != first).ToArray();
            foreach (var tail in Permutations(rest))
            {
                yield return [items[first], .. tail];
            }
        }
    }

    /// <summary>Kahn's algorithm, always taking the ready node of lowest rank.</summary>
    private static int[] TopologicalOrder(Graph graph, int[] ranks)
    {
        var emitted = new bool[graph.Count];
        var order = new int[graph.Count];
        for (var position = 0; position < graph.Count; position++)
        {
            var next = -1;
            for (var node = 0; node < graph.Count; node++)
            {
                if (!emitted[node] && (next < 0 || ranks[node] < ranks[next]) && graph.Inputs[node].All(s => s < CellSlots.FirstNode || emitted[s - CellSlots.FirstNode]))
                {
                    next = node;
                }
            }

            emitted[next] = true;
            order[position] = next;
        }

        return order;
    }

    /// <summary>The node's inputs as slots of the listing (<paramref name="positionOf"/>: node → listed position), sorted where their order does not matter.</summary>
    private static int[] ListedInputs(Graph graph, int node, int[] positionOf)
    {
        var slots = graph.Inputs[node].Select(s => s < CellSlots.FirstNode ? s : CellSlots.FirstNode + positionOf[s - CellSlots.FirstNode]);
        return CellOps.IsCommutative(graph.Ops[node]) ? [.. slots.Order()] : [.. slots];
    }

    private static int[] PositionsOf(int[] order)
    {
        var positionOf = new int[order.Length];
        for (var position = 0; position < order.Length; position++)
        {
            positionOf[order[position]] = position;
        }

        return positionOf;
    }

    private static string Serialize(Graph graph, int[] order)
    {
        var positionOf = PositionsOf(order);
        var names = new string[order.Length];
        var intermediate = 0;
        var key = new StringBuilder(NlpCell.Prefix);
        for (var position = 0; position < order.Length; position++)
        {
            var node = order[position];
            names[position] = graph.Outputs[node] >= 0 ? CellSlots.OutputName(graph.Outputs[node]) : "n" + (intermediate++).ToString(CultureInfo.InvariantCulture);
            var arguments = ListedInputs(graph, node, positionOf).Select(s => s < CellSlots.FirstNode ? CellSlots.InputName(s) : names[s - CellSlots.FirstNode]);
            key.Append(position == 0 ? "" : ";").Append(names[position]).Append('=').Append(CellOps.KeyName(graph.Ops[node]))
                .Append('(').AppendJoin(' ', arguments).Append(')');
        }

        return key.ToString();
    }

    private static NlpCell Build(Graph graph, int[] order, string key)
    {
        var positionOf = PositionsOf(order);
        var nodes = order.Select(node => new CellNode(graph.Ops[node], ListedInputs(graph, node, positionOf), graph.Outputs[node])).ToArray();
        return new NlpCell(graph.HiddenStates, nodes, key);
    }

    private static bool IsName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    /// <summary>j for <c>h_prev_j</c> (j = 0…2), else −1.</summary>
    internal static int PreviousIndex(string name) => IndexAfter(name, "h_prev_");

    /// <summary>j for <c>h_new_j</c>, else −1.</summary>
    internal static int OutputIndex(string name) => IndexAfter(name, "h_new_");

    private static int IndexAfter(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal) && int.TryParse(name.AsSpan(prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var j) && name.Length - prefix.Length < 4
            ? j
            : -1;
}
