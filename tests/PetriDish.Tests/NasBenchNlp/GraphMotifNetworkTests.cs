using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Tests.NasBenchNlp;

public sealed class GraphMotifNetworkTests
{
    private const int Samples = 3;

    /// <summary>Different graphs: the sample's 15 tabulated cells (LSTM, blends, up to 15 nodes, 1–3 hidden states) and 10 generated ones.</summary>
    private static List<NlpCell> Cells()
    {
        var tabulated = new NasBenchNlpSearchSpace(new NasBenchNlpSettings { GroundTruth = new BenchmarkSettings { Logs = RepoPaths.NasBenchNlpSample } }, TestContexts.Plugin());
        var random = new DeterministicRandom(6);
        return [.. tabulated.Table.Cells.Select(c => c.Cell), .. Enumerable.Range(0, 10).Select(_ => RecipeGenerator.Sample(random))];
    }

    [Fact]
    public void The_batched_program_computes_what_each_cell_computes_node_by_node()
    {
        var space = new NasBenchNlpSearchSpace(new NasBenchNlpSettings { MotifNetwork = new GraphNetworkSettings { Width = 2, TimeSteps = 4, InputSize = 3, OutputSize = 2, InitScale = 0.5 } }, TestContexts.Plugin());
        var cells = Cells();
        Assert.Contains(cells, c => c.Nodes.Any(n => n.Op == CellOp.Blend));
        Assert.Contains(cells, c => c.HiddenStates == 3);
        var factory = space.MotifNetworks;
        var options = factory.DefaultOptions;
        using var generator = new Generator(5);
        // Each cell its own weights, so that a mix-up between cells shows.
        var parameters = factory.CreateInitialParameters(options, generator, CPU, ScalarType.Float64)
            .Select(p => randn([cells.Count, .. p.shape], dtype: ScalarType.Float64, generator: generator).mul_(0.5)).ToList();
        using var inputs = randn([Samples, 4, 3], dtype: ScalarType.Float64, generator: generator);

        using var network = factory.Create(cells, options, CPU, ScalarType.Float64);
        using var logits = network.Forward(parameters, inputs);

        Assert.Equal([(long)cells.Count, Samples, 2], logits.shape);
        for (var n = 0; n < cells.Count; n++)
        {
            var expected = Interpret(cells[n], parameters.Select(p => p[n]).ToList(), inputs);
            for (var b = 0; b < Samples; b++)
            {
                for (var o = 0; o < 2; o++)
                {
                    Assert.True(Math.Abs(expected[b][o] - logits[n, b, o].item<double>()) < 1e-10, $"cell {n} ({cells[n].Key}), sample {b}, output {o}: {expected[b][o]} vs {logits[n, b, o].item<double>()}");
                }
            }
        }
    }

    [Fact]
    public void Batched_cells_equal_the_same_cells_one_by_one()
    {
        var space = new NasBenchNlpSearchSpace(new NasBenchNlpSettings(), TestContexts.Plugin());
        var cells = Cells().Cast<IMotif>().ToList();
        var factory = space.MotifNetworks;
        var options = factory.DefaultOptions;
        using var generator = new Generator(4);
        var theta = factory.CreateInitialParameters(options, generator, CPU, ScalarType.Float64);
        List<Tensor> Expand(int n) => [.. theta.Select(p => p.unsqueeze(0).expand([n, .. p.shape]).contiguous())];
        using var inputs = randn([7, .. options.SampleShape], dtype: ScalarType.Float64, generator: generator);

        using var batched = factory.Create(cells, options, CPU, ScalarType.Float64);
        using var together = batched.Forward(Expand(cells.Count), inputs);

        for (var i = 0; i < cells.Count; i++)
        {
            using var single = factory.Create([cells[i]], options, CPU, ScalarType.Float64);
            using var alone = single.Forward(Expand(1), inputs);
            Assert.True(alone[0].allclose(together[i], rtol: 1e-10, atol: 1e-12), $"cell {i}: {cells[i].Key}");
        }

        Assert.Equal(cells.Count, Enumerable.Range(0, cells.Count).Select(i => together[i].sum().item<double>()).Distinct().Count());
    }

    /// <summary>The cell run the slow, obvious way: per sample and time step, node by node in plain arithmetic.</summary>
    private static double[][] Interpret(NlpCell cell, List<Tensor> weights, Tensor inputs)
    {
        double[,] Matrix(Tensor t)
        {
            var (rows, columns) = ((int)t.shape[0], (int)t.shape[1]);
            var values = t.contiguous().data<double>().ToArray();
            var m = new double[rows, columns];
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < columns; c++)
                {
                    m[r, c] = values[(r * columns) + c];
                }
            }

            return m;
        }

        static double[] Times(double[] v, double[,] m) =>
            [.. Enumerable.Range(0, m.GetLength(1)).Select(c => Enumerable.Range(0, v.Length).Sum(r => v[r] * m[r, c]))];

        var width = (int)weights[1].shape[^1];
        var (time, features) = ((int)inputs.shape[1], (int)inputs.shape[2]);
        var result = new double[Samples][];
        for (var b = 0; b < Samples; b++)
        {
            var hidden = Enumerable.Range(0, CellSlots.MaxHiddenStates).Select(_ => new double[width]).ToArray();
            for (var t = 0; t < time; t++)
            {
                var x = Enumerable.Range(0, features).Select(f => inputs[b, t, f].item<double>()).ToArray();
                var values = new List<double[]> { new double[width], hidden[0], hidden[1], hidden[2] };
                for (var p = 0; p < cell.Nodes.Count; p++)
                {
                    var node = cell.Nodes[p];
                    var a = node.Inputs.Select(s => values[s]).ToArray();
                    values.Add(node.Op switch
                    {
                        CellOp.Linear => Linear(node, p),
                        CellOp.Blend => [.. Enumerable.Range(0, width).Select(i => (a[0][i] * a[1][i]) + ((1 - a[0][i]) * a[2][i]))],
                        CellOp.Prod => [.. Enumerable.Range(0, width).Select(i => a[0][i] * a[1][i])],
                        CellOp.Sum => [.. Enumerable.Range(0, width).Select(i => a[0][i] + a[1][i])],
                        CellOp.Tanh => [.. a[0].Select(Math.Tanh)],
                        CellOp.Sigm => [.. a[0].Select(v => 1 / (1 + Math.Exp(-v)))],
                        CellOp.LeakyRelu => [.. a[0].Select(v => v > 0 ? v : 0.01 * v)],
                        _ => throw new InvalidOperationException(),
                    });

                    double[] Linear(CellNode linear, int position)
                    {
                        var sum = weights[2][position].data<double>().ToArray();
                        var hiddenInput = 0;
                        foreach (var slot in linear.Inputs)
                        {
                            var term = slot == CellSlots.Input
                                ? Times(x, Matrix(weights[0][position]))
                                : Times(values[slot], Matrix(weights[1][position, hiddenInput++]));
                            sum = [.. sum.Zip(term, (s, v) => s + v)];
                        }

                        return sum;
                    }
                }

                hidden = [.. Enumerable.Range(0, CellSlots.MaxHiddenStates).Select(j => j < cell.HiddenStates ? values[CellSlots.Node(cell.OutputNodes[j])] : new double[width])];
            }

            result[b] = [.. Times(hidden[0], Matrix(weights[3])).Zip(weights[4].data<double>().ToArray(), (v, bias) => v + bias)];
        }

        return result;
    }
}
