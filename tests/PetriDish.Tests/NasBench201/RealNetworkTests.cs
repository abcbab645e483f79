using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201;
using PetriDish.Plugins.Surrogate.ZeroCost;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;

namespace PetriDish.Tests.NasBench201;

/// <summary>NAS-Bench-201's real network around a cell, which the zero-cost proxies score.</summary>
public sealed class RealNetworkTests
{
    private static readonly NasBench201SearchSpace Space = new(new NasBench201Settings(), TestContexts.Plugin());

    [Theory]
    // The benchmark's published sizes (NAS-Bench-201 / NATS-Bench cost info, CIFAR-10, in millions): the
    // largest cell (every edge a 3×3 convolution) and a cell without convolutions.
    [InlineData("nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|nor_conv_3x3~1|+|nor_conv_3x3~0|nor_conv_3x3~1|nor_conv_3x3~2|", 1_531_546)]
    [InlineData("nb201:|none~0|+|none~0|none~1|+|none~0|none~1|none~2|", 73_306)]
    public void The_real_network_has_the_benchmarks_parameter_count(string key, long expected)
    {
        using var generator = new Generator(1);
        using var network = Space.Build(Space.Parse(key), new RealNetworkOptions(), generator);

        Assert.Equal(expected, ZeroCostProxies.ParameterCountOf(network));
    }

    [Fact]
    public void A_real_network_classifies_a_batch_of_images_and_the_same_generator_state_builds_the_same_network()
    {
        var cell = Space.Parse("nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|");
        using var scope = NewDisposeScope();
        using var first = Space.Build(cell, new RealNetworkOptions(), new Generator(5));
        using var second = Space.Build(cell, new RealNetworkOptions(), new Generator(5));
        var images = randn([2, .. Space.InputShape], generator: new Generator(3));

        first.eval();
        second.eval();
        var logits = first.call(images);

        Assert.Equal([2L, 10L], logits.shape);
        Assert.Equal(logits.data<float>().ToArray(), second.call(images).data<float>().ToArray());
    }
}
