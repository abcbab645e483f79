using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using PetriDish.Sdk;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>
/// One cell of the real network: node j is the sum of its edges' operations on the earlier nodes, the
/// cell's output is node 3. A <c>none</c> edge adds nothing; a node without any other edge is zeros.
/// </summary>
internal sealed class RealCell : nn.Module<Tensor, Tensor>
{
    private readonly IReadOnlyList<CellOp> _ops;
    private readonly ModuleList<nn.Module<Tensor, Tensor>> _edges = new();

    public RealCell(Nb201Cell cell, long channels, bool batchNorm)
        : base(nameof(RealCell))
    {
        _ops = cell.Ops;
        foreach (var op in _ops)
        {
            _edges.Add(op switch
            {
                CellOp.Conv1x1 => new ReluConvBatchNorm(channels, channels, 1, 1, 0, batchNorm),
                CellOp.Conv3x3 => new ReluConvBatchNorm(channels, channels, 3, 1, 1, batchNorm),
                CellOp.AvgPool3x3 => nn.AvgPool2d(3, stride: 1, padding: 1, count_include_pad: false),
                _ => nn.Identity(),
            });
        }

        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        var nodes = new Tensor?[4];
        nodes[0] = input;
        for (var e = 0; e < Nb201Cell.EdgeCount; e++)
        {
            var (to, from) = Nb201Cell.Edges[e];
            if (_ops[e] == CellOp.None)
            {
                continue;
            }

            // A node no edge reaches is zeros, so an edge leaving it contributes zeros too.
            var source = nodes[from] ?? zeros_like(input);
            var contribution = _edges[e].call(source);
            nodes[to] = nodes[to] is { } sum ? sum.add(contribution, HeldScalars.One) : contribution; // a held alpha: see HeldScalars
        }

        return nodes[3] ?? zeros_like(input);
    }
}
