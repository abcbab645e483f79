using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>
/// The fixed-length encoding for encoding-based predictors (NASLib's padded adjacency with op
/// one-hots, in the cell's canonical node order): per node position p &lt; M, the operation one-hot
/// (7), which h_new_j the node is (3), and the slots it reads (x, h_prev_0…2, node 0…M−1). Padded
/// positions are all zeros.
/// </summary>
public sealed class CellEncoding(int maxNodes)
{
    private readonly int _perNode = CellOps.All.Count + CellSlots.MaxHiddenStates + CellSlots.FirstNode + maxNodes;

    public int Length => maxNodes * _perNode;

    public double[] Encode(NlpCell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var encoding = new double[Length];
        for (var p = 0; p < cell.Nodes.Count; p++)
        {
            var node = cell.Nodes[p];
            var offset = p * _perNode;
            encoding[offset + (int)node.Op] = 1;
            if (node.IsOutput)
            {
                encoding[offset + CellOps.All.Count + node.Output] = 1;
            }

            foreach (var slot in node.Inputs)
            {
                encoding[offset + CellOps.All.Count + CellSlots.MaxHiddenStates + slot] = 1;
            }
        }

        return encoding;
    }
}
