using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;

namespace PetriDish.Tests.RnnCell;

public sealed class CellNetworkTests
{
    [Fact]
    public void A_two_node_cell_computes_what_the_formulas_say()
    {
        // Width 1, input size 1, two nodes: node 1 reads node 0 with relu, node 2 reads node 1 with sigmoid.
        var cell = new NaoCell([0, 1], [CellActivation.Relu, CellActivation.Sigmoid]);
        using var wiring = CellWiring.For([cell], CPU, ScalarType.Float64);
        using var w0 = tensor(new[] { 0.5, -1.0, 2.0, 0.3 }, [1, 2, 2], dtype: ScalarType.Float64);   // rows: x, h; columns: c, h̃
        using var nodes = tensor(new[] { 1.5, 0.7, -0.4, 2.0 }, [1, 2, 1, 2], dtype: ScalarType.Float64);
        using var x = tensor(new[] { 0.8 }, [1, 1, 1], dtype: ScalarType.Float64);
        using var h = tensor(new[] { -0.2 }, [1, 1, 1], dtype: ScalarType.Float64);

        using var next = CellStep.Forward(x, h, w0, CellStep.SplitNodes(nodes), wiring);

        static double Sigmoid(double v) => 1 / (1 + Math.Exp(-v));
        double xv = 0.8, hv = -0.2;
        var c0 = (xv * 0.5) + (hv * 2.0);
        var g0 = (xv * -1.0) + (hv * 0.3);
        var s0 = hv + (Sigmoid(c0) * (Math.Tanh(g0) - hv));
        var s1 = s0 + (Sigmoid(s0 * 1.5) * (Math.Max(0, s0 * 0.7) - s0));
        var s2 = s1 + (Sigmoid(s1 * -0.4) * (Sigmoid(s1 * 2.0) - s1));
        Assert.Equal((s1 + s2) / 2, next.item<double>(), 12);
    }

    [Fact]
    public void Batched_cells_equal_the_same_cells_one_by_one()
    {
        var space = new RnnCellSearchSpace(new RnnCellSettings(), TestContexts.Plugin());
        var random = new PetriDish.Sdk.DeterministicRandom(8);
        var cells = Enumerable.Range(0, 5).Select(_ => space.Sample(random)).Append(space.Parse(RnnCellSearchSpaceTests.PublishedNaoCell)).ToList();
        var factory = space.MotifNetworks;
        var options = factory.DefaultOptions;
        using var generator = new Generator(4);
        var theta = factory.CreateInitialParameters(options, generator, CPU, ScalarType.Float64);
        List<Tensor> Expand(int n) => [.. theta.Select(p => p.unsqueeze(0).expand([n, .. p.shape]).contiguous())];
        using var inputs = randn([7, 10, 10], dtype: ScalarType.Float64, generator: generator);

        using var batched = factory.Create(cells, options, CPU, ScalarType.Float64);
        using var together = batched.Forward(Expand(cells.Count), inputs);

        Assert.Equal([6L, 7, 10], together.shape);
        for (var i = 0; i < cells.Count; i++)
        {
            using var single = factory.Create([cells[i]], options, CPU, ScalarType.Float64);
            using var alone = single.Forward(Expand(1), inputs);
            Assert.True(alone[0].allclose(together[i], rtol: 1e-10, atol: 1e-12), $"cell {i}: {cells[i].Key}");
        }

        Assert.False(together[0].allclose(together[1])); // Different wiring, different outputs.
    }
}
