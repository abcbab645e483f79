using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// The wiring of N cells as tensors, so that N differently wired cells run as one tensor program:
/// each node gathers its input state by index and mixes the four activations with a one-hot mask.
/// A single cell (the ground truth's) takes the direct path instead: plain indexing, one activation.
/// </summary>
internal sealed class CellWiring : IDisposable
{
    private CellWiring(IReadOnlyList<NaoCell> cells, Tensor inputs, Tensor masks)
    {
        Cells = cells;
        Inputs = inputs;
        Masks = masks;
    }

    public IReadOnlyList<NaoCell> Cells { get; }

    public int Count => Cells.Count;

    public int Nodes => Cells[0].Nodes;

    /// <summary>Input node of every node: <c>[N, K]</c> (int64).</summary>
    public Tensor Inputs { get; }

    /// <summary>One-hot activation of every node: <c>[N, K, 4]</c>.</summary>
    public Tensor Masks { get; }

    public static CellWiring For(IReadOnlyList<NaoCell> cells, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0 || cells.Any(c => c.Nodes != cells[0].Nodes))
        {
            throw new ArgumentException("a batch of cells needs at least one cell, all with the same number of nodes", nameof(cells));
        }

        var nodes = cells[0].Nodes;
        var inputs = tensor(cells.SelectMany(c => c.Inputs.Select(i => (long)i)).ToArray(), [cells.Count, nodes], dtype: ScalarType.Int64, device: device);
        var masks = nn.functional.one_hot(tensor(cells.SelectMany(c => c.Activations.Select(a => (long)a)).ToArray(), [cells.Count, nodes], dtype: ScalarType.Int64, device: device), 4).to(dtype);
        return new CellWiring(cells, inputs, masks);
    }

    public void Dispose()
    {
        Inputs.Dispose();
        Masks.Dispose();
    }
}
