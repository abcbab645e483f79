using PetriDish.Sdk;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// The wiring of N cells as tensors, so that N differently wired cells run as one tensor program:
/// each node gathers its input state by index and mixes the four activations with a one-hot mask.
/// A single cell (the ground truth's) takes the direct path instead: plain indexing, one activation.
/// </summary>
internal sealed class CellWiring : IDisposable
{
    private readonly Tensor[] _flatInputs;
    private readonly Tensor[] _masks;

    private CellWiring(IReadOnlyList<NaoCell> cells, Tensor[] flatInputs, Tensor[] masks)
    {
        Cells = cells;
        _flatInputs = flatInputs;
        _masks = masks;
    }

    public IReadOnlyList<NaoCell> Cells { get; }

    public int Count => Cells.Count;

    public int Nodes => Cells[0].Nodes;

    public static CellWiring For(IReadOnlyList<NaoCell> cells, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Count == 0 || cells.Any(c => c.Nodes != cells[0].Nodes))
        {
            throw new ArgumentException("a batch of cells needs at least one cell, all with the same number of nodes", nameof(cells));
        }

        var nodes = cells[0].Nodes;
        var flat = new Tensor[nodes];
        var masks = new Tensor[nodes];
        for (var node = 0; node < nodes; node++)
        {
            // Node i has i candidate inputs (states 0…i−1), stacked per cell: cell n's pick is row n·i + input.
            var candidates = node + 1;
            flat[node] = tensor(cells.Select((c, n) => ((long)n * candidates) + c.Inputs[node]).ToArray(), dtype: ScalarType.Int64, device: device);
            var oneHot = new float[cells.Count * 4];
            for (var n = 0; n < cells.Count; n++)
            {
                oneHot[(n * 4) + (int)cells[n].Activations[node]] = 1;
            }

            masks[node] = HeldTensors.Build(() => tensor(oneHot, [cells.Count, 1, 4, 1], dtype: ScalarType.Float32, device: device).to(dtype));
        }

        return new CellWiring(cells, flat, masks);
    }

    /// <summary>For node <paramref name="node"/> (0-based): row <c>n·(node+1) + input[n]</c> of the stacked states, per cell.</summary>
    public Tensor FlatInputs(int node) => _flatInputs[node];

    /// <summary>For node <paramref name="node"/> (0-based): one-hot activations <c>[N, 1, 4, 1]</c>.</summary>
    public Tensor Masks(int node) => _masks[node];

    public void Dispose()
    {
        Array.ForEach(_flatInputs, t => t.Dispose());
        Array.ForEach(_masks, t => t.Dispose());
    }
}
