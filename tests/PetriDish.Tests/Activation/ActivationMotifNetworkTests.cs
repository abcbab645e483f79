using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;

namespace PetriDish.Tests.Activation;

public sealed class ActivationMotifNetworkTests
{
    private static readonly ActivationSearchSpace Space = new(new ActivationSettings(), TestContexts.Plugin());

    private static List<Tensor> Batched(IReadOnlyList<Tensor> theta, int count) =>
        [.. theta.Select(p => p.unsqueeze(0).expand([count, .. p.shape]).contiguous())];

    [Fact]
    public void The_default_network_is_10_1_1_10_and_returns_one_output_row_per_motif_and_sample()
    {
        var factory = Space.MotifNetworks;
        var options = factory.DefaultOptions;
        using var generator = new Generator(3);
        var theta = factory.CreateInitialParameters(options, generator, CPU, ScalarType.Float32);

        Assert.Equal([[10L, 1], [1L], [1L, 1], [1L], [1L, 10], [10L]], theta.Select(p => p.shape));
        using var network = factory.Create([Space.Parse("sigmoid-slope:0.1"), Space.Parse("sigmoid-slope:1"), Space.Parse("sigmoid-slope:2")], options, CPU, ScalarType.Float32);
        using var output = network.Forward(Batched(theta, 3), randn(7, 10));
        Assert.Equal([3L, 7, 10], output.shape);
    }

    [Fact]
    public void Initial_parameters_are_shared_so_identical_motifs_give_identical_outputs()
    {
        var factory = Space.MotifNetworks;
        using var g1 = new Generator(11);
        using var g2 = new Generator(11);
        var theta = factory.CreateInitialParameters(factory.DefaultOptions, g1, CPU, ScalarType.Float64);
        var again = factory.CreateInitialParameters(factory.DefaultOptions, g2, CPU, ScalarType.Float64);
        Assert.All(theta.Zip(again), p => Assert.True(p.First.allclose(p.Second, rtol: 0, atol: 0)));

        using var network = factory.Create([Space.Parse("sigmoid-slope:0.5"), Space.Parse("sigmoid-slope:0.5"), Space.Parse("sigmoid-slope:1.5")], factory.DefaultOptions, CPU, ScalarType.Float64);
        using var output = network.Forward(Batched(theta, 3), randn(5, 10, dtype: ScalarType.Float64));

        Assert.True(output[0].allclose(output[1], rtol: 0, atol: 0));
        Assert.False(output[0].allclose(output[2]));
    }

    [Fact]
    public void The_forward_pass_matches_a_hand_computed_network()
    {
        // 2 inputs → 1 → 1 → 1 output, slope c = 2: every number checked by hand.
        var factory = new ActivationMotifNetworkFactory(ActivationFamily.SigmoidSlope, new MotifNetworkSettings { InputSize = 2, OutputSize = 1 });
        var options = factory.DefaultOptions;
        List<Tensor> theta =
        [
            tensor(new[] { 0.5, -1.0 }, dtype: ScalarType.Float64).view(2, 1), tensor(new[] { 0.25 }, dtype: ScalarType.Float64),
            tensor(new[] { 2.0 }, dtype: ScalarType.Float64).view(1, 1), tensor(new[] { -1.0 }, dtype: ScalarType.Float64),
            tensor(new[] { 3.0 }, dtype: ScalarType.Float64).view(1, 1), tensor(new[] { 0.5 }, dtype: ScalarType.Float64),
        ];
        using var network = factory.Create([Space.Parse("sigmoid-slope:2")], options, CPU, ScalarType.Float64);

        using var output = network.Forward(Batched(theta, 1), tensor(new[] { 1.0, 0.5 }, dtype: ScalarType.Float64).view(1, 2));

        static double Sigmoid(double x) => 1 / (1 + Math.Exp(-x));
        var h1 = Sigmoid(2 * ((0.5 * 1.0) + (-1.0 * 0.5) + 0.25));
        var h2 = Sigmoid(2 * ((2.0 * h1) - 1.0));
        var expected = (3.0 * h2) + 0.5;
        Assert.Equal(expected, output.item<double>(), 12);
    }

    [Fact]
    public void Batched_networks_equal_networks_built_one_motif_at_a_time()
    {
        var factory = Space.MotifNetworks;
        using var generator = new Generator(5);
        var theta = factory.CreateInitialParameters(factory.DefaultOptions, generator, CPU, ScalarType.Float64);
        var motifs = new[] { "sigmoid-slope:0.05", "sigmoid-slope:0.7", "sigmoid-slope:1.9" }.Select(Space.Parse).ToList();
        using var x = randn(4, 10, dtype: ScalarType.Float64);

        using var batched = factory.Create(motifs, factory.DefaultOptions, CPU, ScalarType.Float64);
        using var all = batched.Forward(Batched(theta, 3), x);
        for (var i = 0; i < motifs.Count; i++)
        {
            using var single = factory.Create([motifs[i]], factory.DefaultOptions, CPU, ScalarType.Float64);
            using var one = single.Forward(Batched(theta, 1), x);
            Assert.True(one[0].allclose(all[i], rtol: 1e-12, atol: 1e-12));
        }
    }
}

public sealed class ActivationMotifNetworkGradientTests
{
    [Theory]
    [InlineData(ActivationFamily.SigmoidSlope, 1, 2, "sigmoid-slope:0.3", "sigmoid-slope:1.7")]
    [InlineData(ActivationFamily.SigmoidSlope, 3, 1, "sigmoid-slope:0.05", "sigmoid-slope:2")]
    [InlineData(ActivationFamily.SwishBeta, 2, 3, "swish-beta:0", "swish-beta:2.5")]
    [InlineData(ActivationFamily.LeakyReluSlope, 4, 2, "leaky-relu-slope:0.01", "leaky-relu-slope:0.9")]
    public void The_hand_written_gradient_equals_autograds(ActivationFamily family, int width, int hiddenLayers, string first, string second)
    {
        var space = new ActivationSearchSpace(new ActivationSettings { Family = family, MotifNetwork = new MotifNetworkSettings { Width = width, HiddenLayers = hiddenLayers, InputSize = 5, OutputSize = 3 } }, TestContexts.Plugin());
        var factory = space.MotifNetworks;
        using var generator = new Generator(7);
        var theta = factory.CreateInitialParameters(factory.DefaultOptions, generator, CPU, ScalarType.Float64);
        using var network = factory.Create([space.Parse(first), space.Parse(second), space.Parse(first)], factory.DefaultOptions, CPU, ScalarType.Float64);
        // Different weights per network (as after some inner steps), so that a gradient mixed up between networks shows.
        var weights = theta.Select((p, i) => (p.unsqueeze(0).expand([3, .. p.shape]) + (0.3 * randn([3, .. p.shape], dtype: ScalarType.Float64, generator: generator))).detach().requires_grad_(true)).ToList();
        var inputs = randn([6, 5], dtype: ScalarType.Float64, generator: generator);
        var targets = (rand([3, 6, 3], dtype: ScalarType.Float64, generator: generator) > 0.5).to(ScalarType.Float64);

        var expectedLoss = nn.functional.binary_cross_entropy_with_logits(network.Forward(weights, inputs), targets, reduction: nn.Reduction.None).mean([1, 2]);
        var expected = autograd.grad([expectedLoss.sum()], weights);
        var (loss, gradients) = ((PetriDish.Abstractions.IMotifNetworkGradient)network).LossAndGradients(weights, inputs, targets, computeLoss: true);

        Assert.True(loss!.allclose(expectedLoss, rtol: 1e-12, atol: 1e-12));
        Assert.Equal(expected.Count, gradients.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].shape, gradients[i].shape);
            Assert.True(gradients[i].allclose(expected[i], rtol: 1e-9, atol: 1e-12), $"parameter {i}: max difference {(gradients[i] - expected[i]).abs().max().item<double>()}");
        }

        // Without the loss (the inner loop's other steps) the gradient is the same.
        var (noLoss, withoutLoss) = ((PetriDish.Abstractions.IMotifNetworkGradient)network).LossAndGradients(weights, inputs, targets, computeLoss: false);
        Assert.Null(noLoss);
        Assert.All(withoutLoss.Zip(gradients), p => Assert.True(p.First.allclose(p.Second, rtol: 1e-12, atol: 1e-15)));

        // Not vacuous: every parameter tensor has a gradient somewhere away from zero.
        Assert.All(gradients, g => Assert.True(g.abs().max().item<double>() > 1e-6));
    }
}
