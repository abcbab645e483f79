using PetriDish.Plugins.SearchSpace.NasBench201;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;

namespace PetriDish.Tests.NasBench201;

/// <summary>The batched conv-cell motif-network against a plain per-cell computation of the benchmark's cell.</summary>
public sealed class ConvCellNetworkTests
{
    private static readonly NasBench201SearchSpace Space = new(new NasBench201Settings(), TestContexts.Plugin());

    private static readonly string[] Cells =
    [
        "nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
        "nb201:|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
        "nb201:|none~0|+|none~0|none~1|+|none~0|none~1|none~2|",
        "nb201:|nor_conv_1x1~0|+|none~0|avg_pool_3x3~1|+|none~0|none~1|nor_conv_3x3~2|",
        "nb201:|skip_connect~0|+|skip_connect~0|skip_connect~1|+|avg_pool_3x3~0|nor_conv_3x3~1|none~2|",
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Different_cells_in_one_program_give_what_each_gives_alone(bool perNetworkInputs)
    {
        using var scope = NewDisposeScope();
        var options = Space.MotifNetworks.DefaultOptions with { Width = 3, SampleShape = [3, 5, 5], OutputSize = 2 };
        var generator = new Generator(11);
        var initial = Space.MotifNetworks.CreateInitialParameters(options, generator, CPU, ScalarType.Float64);
        var cells = Cells.Select(k => (Nb201Cell)Space.Parse(k)).ToList();
        // Each cell its own parameters (as the dish's inner training makes them): θ_init plus a cell's own change.
        var parameters = initial.Select(p => stack([.. cells.Select((_, n) => p.add(randn(p.shape, dtype: ScalarType.Float64, generator: generator).mul(0.1 * n)))])).ToList();
        var inputs = perNetworkInputs
            ? randn([cells.Count, 7, 3, 5, 5], dtype: ScalarType.Float64, generator: generator)
            : randn([7, 3, 5, 5], dtype: ScalarType.Float64, generator: generator);
        using var network = Space.MotifNetworks.Create(cells, options, CPU, ScalarType.Float64);

        var batched = network.Forward(parameters, inputs);

        Assert.Equal([cells.Count, 7, 2], batched.shape);
        for (var n = 0; n < cells.Count; n++)
        {
            var alone = Reference(cells[n], [.. parameters.Select(p => p[n])], perNetworkInputs ? inputs[n] : inputs);
            Assert.True(allclose(batched[n], alone, rtol: 1e-9, atol: 1e-9), $"{cells[n].Key}: max difference {(batched[n] - alone).abs().max().item<double>()}");
        }

        // The all-none cell outputs only its read-out bias; the others depend on their input.
        Assert.True(allclose(batched[2], parameters[3][2].expand(7, 2)));
    }

    /// <summary>The cell as the benchmark defines it, for one cell, written plainly.</summary>
    private static Tensor Reference(Nb201Cell cell, Tensor[] theta, Tensor x)
    {
        var nodes = new List<Tensor> { x };
        for (var to = 1; to <= 3; to++)
        {
            var sum = zeros_like(x);
            for (var e = 0; e < 6; e++)
            {
                var (edgeTo, from) = Nb201Cell.Edges[e];
                if (edgeTo == to)
                {
                    sum = sum + Op(cell.Ops[e], nodes[from], theta, e);
                }
            }

            nodes.Add(sum);
        }

        return nodes[3].mean([2L, 3L]).matmul(theta[2]) + theta[3];
    }

    private static Tensor Op(CellOp op, Tensor x, Tensor[] theta, int e)
    {
        var channels = x.shape[1];
        return op switch
        {
            CellOp.None => zeros_like(x),
            CellOp.SkipConnect => x,
            CellOp.Conv1x1 => BatchNorm(nn.functional.conv2d(nn.functional.relu(x), theta[0][e].unsqueeze(-1).unsqueeze(-1))),
            CellOp.Conv3x3 => BatchNorm(nn.functional.conv2d(nn.functional.relu(x), theta[1][e], padding: [1, 1])),
            // Average over the in-image part of each 3×3 window: a sum by convolution, divided by its size.
            _ => nn.functional.conv2d(x, ones([channels, 1, 3, 3], dtype: x.dtype), padding: [1, 1], groups: channels)
                / nn.functional.conv2d(ones_like(x), ones([channels, 1, 3, 3], dtype: x.dtype), padding: [1, 1], groups: channels),
        };
    }

    private static Tensor BatchNorm(Tensor x)
    {
        var mean = x.mean([0L, 2L, 3L], keepdim: true);
        var variance = (x - mean).pow(2).mean([0L, 2L, 3L], keepdim: true);
        return (x - mean) / (variance + 1e-5).sqrt();
    }
}
