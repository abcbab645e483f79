using PetriDish.Sdk;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Network;

/// <summary>
/// N different cell graphs as one tensor program. Every cell is padded to the batch's largest node
/// count in its canonical (topological) order; at node position p every cell gathers up to three
/// input states by index, all operations that occur at p in some cell are computed on them, and each
/// cell keeps its own by a one-hot mix. A linear's weights are per input slot; its input x is
/// projected for all positions and time steps at once, outside the recurrence.
/// </summary>
/// <remarks>
/// States are laid out per cell as slot 0 = zeros, 1–3 = h_prev_0…2, 4 + i = node i: the
/// <see cref="CellSlots"/> numbering, with the slot of x reading zeros (x never enters a gather; a
/// missing input reads zeros too, so it adds nothing to a linear).
/// </remarks>
internal sealed class GraphProgram : IDisposable
{
    /// <summary>Inputs a node gathers (a blend's three; fewer are padded with the zero slot).</summary>
    public const int Gathered = 3;

    private GraphProgram(int count, int positions, Position[] steps, Tensor xUse, Tensor outputIndex)
    {
        Count = count;
        Positions = positions;
        Steps = steps;
        XUse = xUse;
        OutputIndex = outputIndex;
    }

    /// <summary>N, the number of cells.</summary>
    public int Count { get; }

    /// <summary>The node positions run: the largest node count of the batch.</summary>
    public int Positions { get; }

    /// <summary>What happens at each node position.</summary>
    public IReadOnlyList<Position> Steps { get; }

    /// <summary><c>[N, positions, 1, 1]</c>: 1 where the node at a position is a linear reading x.</summary>
    public Tensor XUse { get; }

    /// <summary>
    /// <c>[N·3]</c>: for cell n and hidden state j, the row <c>n·(4 + positions) + slot of h_new_j</c>
    /// of the final states (the zero slot for states the cell does not have).
    /// </summary>
    public Tensor OutputIndex { get; }

    /// <summary>One node position across the batch.</summary>
    /// <param name="Gather"><c>[N·3]</c>: rows <c>n·(4 + p) + slot</c> of the states so far, the node's inputs.</param>
    /// <param name="Ops">The operations some cell has here.</param>
    /// <param name="Mix"><c>[N, 1, |Ops|, 1]</c> one-hot: which of <paramref name="Ops"/> each cell takes (zeros for a padded position); null when every cell takes the single op.</param>
    internal sealed record Position(Tensor Gather, IReadOnlyList<CellOp> Ops, Tensor? Mix);

    public static GraphProgram For(IReadOnlyList<NlpCell> cells, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0)
        {
            throw new ArgumentException("a program needs at least one cell", nameof(cells));
        }

        var n = cells.Count;
        var positions = cells.Max(c => c.Nodes.Count);
        var steps = new Position[positions];
        var xUse = new float[n * positions];
        for (var p = 0; p < positions; p++)
        {
            var rows = CellSlots.FirstNode + p;
            var gather = new long[n * Gathered];
            var nodes = cells.Select(c => p < c.Nodes.Count ? c.Nodes[p] : null).ToArray();
            for (var cell = 0; cell < n; cell++)
            {
                if (nodes[cell] is not { } node)
                {
                    continue;
                }

                // A linear's x goes through the projection, not the gather.
                var gathered = node.Op == CellOp.Linear ? node.Inputs.Where(s => s != CellSlots.Input).ToArray() : [.. node.Inputs];
                for (var a = 0; a < gathered.Length; a++)
                {
                    gather[(cell * Gathered) + a] = ((long)cell * rows) + gathered[a];
                }

                for (var a = gathered.Length; a < Gathered; a++)
                {
                    gather[(cell * Gathered) + a] = (long)cell * rows;
                }

                if (node.Op == CellOp.Linear && node.Inputs.Contains(CellSlots.Input))
                {
                    xUse[(cell * positions) + p] = 1;
                }
            }

            for (var cell = 0; cell < n; cell++)
            {
                if (nodes[cell] is null)
                {
                    for (var a = 0; a < Gathered; a++)
                    {
                        gather[(cell * Gathered) + a] = (long)cell * rows;
                    }
                }
            }

            var ops = nodes.Where(node => node is not null).Select(node => node!.Op).Distinct().Order().ToList();
            Tensor? mix = null;
            if (ops.Count > 1 || nodes.Any(node => node is null))
            {
                var oneHot = new float[n * ops.Count];
                for (var cell = 0; cell < n; cell++)
                {
                    if (nodes[cell] is { } node)
                    {
                        oneHot[(cell * ops.Count) + ops.IndexOf(node.Op)] = 1;
                    }
                }

                mix = HeldTensors.Build(() => tensor(oneHot, [n, 1, ops.Count, 1], device: device).to(dtype));
            }

            steps[p] = new Position(tensor(gather, device: device), ops, mix);
        }

        var finalRows = CellSlots.FirstNode + positions;
        var outputs = new long[n * CellSlots.MaxHiddenStates];
        for (var cell = 0; cell < n; cell++)
        {
            for (var j = 0; j < CellSlots.MaxHiddenStates; j++)
            {
                outputs[(cell * CellSlots.MaxHiddenStates) + j] = ((long)cell * finalRows) + (j < cells[cell].HiddenStates ? CellSlots.Node(cells[cell].OutputNodes[j]) : 0);
            }
        }

        return new GraphProgram(n, positions, steps, HeldTensors.Build(() => tensor(xUse, [n, positions, 1, 1], device: device).to(dtype)), tensor(outputs, device: device));
    }

    public void Dispose()
    {
        foreach (var step in Steps)
        {
            step.Gather.Dispose();
            step.Mix?.Dispose();
        }

        XUse.Dispose();
        OutputIndex.Dispose();
    }
}
