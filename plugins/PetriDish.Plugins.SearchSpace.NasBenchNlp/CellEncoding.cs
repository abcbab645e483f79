using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>
/// The fixed-length encoding for encoding-based predictors: NASLib's padded adjacency with op
/// one-hots, in the cell's canonical node order — per node position p &lt; M, the operation one-hot
/// (7), which h_new_j the node is (3), and the slots it reads (x, h_prev_0…2, node 0…M−1); padded
/// positions are zeros — preceded by the operation of each output h_new_j at a fixed place (3 × 7).
/// </summary>
/// <remarks>
/// The outputs' operations lead because where an output sits in the node list varies from cell to
/// cell, while what it is matters: in the release, cells whose h_new_0 is a sum have a median
/// perplexity near 700, gated ones (prod, blend) near 140. NASLib fixes the last node's place for
/// the same reason.
/// </remarks>
public sealed class CellEncoding(int maxNodes)
{
    private static readonly int Ops = CellOps.All.Count;
    private static readonly int Outputs = CellSlots.MaxHiddenStates * Ops;
    private readonly int _perNode = Ops + CellSlots.MaxHiddenStates + CellSlots.FirstNode + maxNodes;

    public int Length => Outputs + (maxNodes * _perNode);

    public double[] Encode(NlpCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var encoding = new double[Length];
        for (var j = 0; j < cell.HiddenStates; j++)
        {
            encoding[(j * Ops) + (int)cell.Nodes[cell.OutputNodes[j]].Op] = 1;
        }

        for (var p = 0; p < cell.Nodes.Count; p++)
        {
            var node = cell.Nodes[p];
            var offset = Outputs + (p * _perNode);
            encoding[offset + (int)node.Op] = 1;
            if (node.IsOutput)
            {
                encoding[offset + Ops + node.Output] = 1;
            }

            foreach (var slot in node.Inputs)
            {
                encoding[offset + Ops + CellSlots.MaxHiddenStates + slot] = 1;
            }
        }

        return encoding;
    }
}
