using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using PetriDish.Kernels;
using PetriDish.Sdk;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>
/// N different cells on the same synthetic images in one tensor program. The N cells' channels are
/// stacked (<c>[batch, N·C, H, W]</c>) so that each edge's convolutions run for all cells at once as a
/// grouped convolution (group n holds cell n's weights); each cell's operation on an edge is picked
/// by a one-hot mask, and an operation no cell uses on that edge is not computed. The operations are
/// the benchmark's: ReLU → convolution → batch norm (batch statistics, no affine) for the two
/// convolutions, 3×3 average pooling (stride 1, padding not counted), identity, zero. On the CPU in
/// float32 the Petri dish trains and differentiates it without libtorch, block by block
/// (<see cref="ConvCellBlockKernel"/>; the meta-gradient's second-order products from the same kernel
/// on dual numbers).
/// </summary>
internal sealed class ConvCellNetwork : IMotifNetwork, IMotifNetworkBlockMetaGradient
{
    private static readonly Scalar Epsilon = 1e-5.ToScalar(); // Held: see HeldScalars.
    private readonly Tensor[] _masks; // Per edge and op: [1, N, 1, 1, 1], 1 where the cell has that op.
    private readonly bool[,] _used; // [edge, op]: whether any cell has the op on the edge.
    private readonly IReadOnlyList<Nb201Cell> _cells;
    private readonly MotifNetworkOptions _options;
    private ConvCellBlockKernel? _kernel;
    private DualBlockMetaGradient? _secondOrder;

    public ConvCellNetwork(IReadOnlyList<Nb201Cell> cells, MotifNetworkOptions options, Device device, ScalarType dtype)
    {
        (_cells, _options) = (cells, options);
        Count = cells.Count;
        var ops = CellOps.All.Count;
        _used = new bool[Nb201Cell.EdgeCount, ops];
        var values = new float[Nb201Cell.EdgeCount * ops * Count];
        for (var n = 0; n < Count; n++)
        {
            for (var e = 0; e < Nb201Cell.EdgeCount; e++)
            {
                var op = (int)cells[n].Ops[e];
                _used[e, op] = true;
                values[(((e * ops) + op) * Count) + n] = 1;
            }
        }

        using var all = tensor(values, [Nb201Cell.EdgeCount * ops, 1, Count, 1, 1, 1], dtype: dtype, device: device);
        _masks = [.. all.unbind(0)];
        foreach (var mask in _masks)
        {
            mask.DetachFromDisposeScope();
        }
    }

    public int Count { get; }

    public bool AcceptsPerNetworkInputs => true;

    public int BlockSize => ConvCellBlockKernel.Lanes;

    /// <param name="parameters">[1×1 weights [N, 6, C, C], 3×3 weights [N, 6, C, C, 3, 3], read-out [N, C, out], read-out bias [N, out]].</param>
    /// <param name="inputs">Synthetic images <c>[batch, C, H, W]</c> shared by all cells, or <c>[N, batch, C, H, W]</c>.</param>
    /// <returns>Logits <c>[N, batch, out]</c>.</returns>
    public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(inputs);
        var (conv1, conv3, readout, readoutBias) = (parameters[0], parameters[1], parameters[2], parameters[3]);
        var n = Count;
        var (batch, channels, height, width) = (inputs.shape[^4], inputs.shape[^3], inputs.shape[^2], inputs.shape[^1]);
        var stacked = inputs.dim() == 5
            ? inputs.permute(1, 0, 2, 3, 4).reshape(batch, n * channels, height, width)
            : inputs.unsqueeze(1).expand(batch, n, channels, height, width).reshape(batch, n * channels, height, width);

        var nodes = new List<Tensor> { stacked };
        for (var to = 1; to <= 3; to++)
        {
            Tensor? sum = null;
            for (var e = 0; e < Nb201Cell.EdgeCount; e++)
            {
                if (Nb201Cell.Edges[e].To != to)
                {
                    continue;
                }

                var edge = Edge(e, nodes[Nb201Cell.Edges[e].From], conv1, conv3, n, channels);
                sum = sum is null ? edge : sum.add(edge, HeldScalars.One);
            }

            nodes.Add(sum!);
        }

        // Global average pooling, then each cell's own read-out: [N, batch, C] × [N, C, out].
        var pooled = nodes[3].mean([2L, 3L]).view(batch, n, channels).transpose(0, 1);
        return bmm(pooled, readout).add(readoutBias.unsqueeze(1), HeldScalars.One);
    }

    public void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses) =>
        Kernel.LossAndGradient(first, parameters, inputs, targets, samples, gradient, losses);

    public void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient) =>
        SecondOrder.WeightedLossGradient(first, parameters, inputs, targets, samples, weights, parameterGradient, inputGradient);

    public void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct) =>
        SecondOrder.GradientProducts(first, parameters, inputs, targets, samples, direction, parameterProduct, inputProduct);

    private ConvCellBlockKernel Kernel => _kernel ??= ConvCellBlockKernel.Create(_cells, _options.Width, (int)_options.SampleShape[^1], _options.OutputSize);

    /// <summary>The meta-gradient's products: the same kernel on dual numbers, no second derivative written by hand.</summary>
    private DualBlockMetaGradient SecondOrder => _secondOrder ??= new DualBlockMetaGradient(
        Kernel, ConvCellBlockKernel.CreateDual(_cells, _options.Width, (int)_options.SampleShape[^1], _options.OutputSize), BlockSize);

    public void Dispose()
    {
        foreach (var mask in _masks)
        {
            mask.Dispose();
        }
    }

    /// <summary>Edge <paramref name="e"/> applied to its source node for every cell, each cell's operation picked by its mask.</summary>
    private Tensor Edge(int e, Tensor source, Tensor conv1, Tensor conv3, long n, long channels)
    {
        var (batch, height, width) = (source.shape[0], source.shape[2], source.shape[3]);
        Tensor? mixed = null;
        foreach (var op in CellOps.All)
        {
            if (op == CellOp.None || !_used[e, (int)op])
            {
                continue;
            }

            var result = op switch
            {
                CellOp.SkipConnect => source,
                CellOp.Conv1x1 => Normalized(nn.functional.conv2d(nn.functional.relu(source), conv1.select(1, e).reshape(n * channels, channels, 1, 1), groups: n)),
                CellOp.Conv3x3 => Normalized(nn.functional.conv2d(nn.functional.relu(source), conv3.select(1, e).reshape(n * channels, channels, 3, 3), padding: [1, 1], groups: n)),
                _ => nn.functional.avg_pool2d(source, [3L, 3L], [1L, 1L], [1L, 1L], false, false),
            };
            var picked = result.view(batch, n, channels, height, width).mul(_masks[(e * CellOps.All.Count) + (int)op]);
            mixed = mixed is null ? picked : mixed.add(picked, HeldScalars.One);
        }

        return mixed is null
            ? zeros_like(source)
            : mixed.view(batch, n * channels, height, width);
    }

    /// <summary>Batch norm with the batch's statistics and no affine transform, per channel of every cell.</summary>
    private static Tensor Normalized(Tensor x)
    {
        var mean = x.mean([0L, 2L, 3L], keepdim: true);
        var variance = x.var([0L, 2L, 3L], unbiased: false, keepdim: true);
        return x.add(mean, HeldScalars.MinusOne).div(variance.add(Epsilon, HeldScalars.One).sqrt());
    }
}
