using PetriDish.Plugins.Surrogate.ZeroCost;
using static TorchSharp.torch;

namespace PetriDish.Tests.Surrogates;

/// <summary>The zero-cost proxies against hand computations.</summary>
public sealed class ZeroCostProxiesTests
{
    [Fact]
    public void Synflow_of_a_two_layer_network_is_the_hand_computed_synaptic_flow()
    {
        // y = W2 relu(W1 x + b1) + b2 with x ∈ R², 3 hidden units, signs mixed to check the absolute values.
        double[] w1 = [0.5, -1.0, 2.0, 0.25, -0.75, 1.5];
        double[] b1 = [0.125, -0.25, 0.375]; // binary fractions: the layers hold float32 until synflow makes them float64
        double[] w2 = [-1.5, 0.5, 2.5];
        const double B2 = -0.5;
        using var network = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));
        using (NewDisposeScope()) // holds the tensor(…) intermediates during the native calls (docs/reliability.md)
        using (no_grad())
        {
            var parameters = network.parameters().ToList();
            parameters[0].copy_(tensor(w1).reshape(3, 2));
            parameters[1].copy_(tensor(b1));
            parameters[2].copy_(tensor(w2).reshape(1, 3));
            parameters[3].copy_(tensor(new[] { B2 }));
        }

        // With every parameter made absolute and x = (1, 1): h_j = |W1_j1| + |W1_j2| + |b1_j| (all
        // positive, so the ReLU passes them), R = Σ_j |W2_j| h_j + |b2|. Synflow sums |θ ∂R/∂θ| over
        // the weights: ∂R/∂W2_j = h_j and ∂R/∂W1_jk = |W2_j|, so it is Σ_j |W2_j| h_j + Σ_jk |W1_jk| |W2_j|.
        var expected = 0.0;
        for (var j = 0; j < 3; j++)
        {
            var h = Math.Abs(w1[2 * j]) + Math.Abs(w1[(2 * j) + 1]) + Math.Abs(b1[j]);
            expected += Math.Abs(w2[j]) * h;
            expected += (Math.Abs(w1[2 * j]) + Math.Abs(w1[(2 * j) + 1])) * Math.Abs(w2[j]);
        }

        Assert.Equal(expected, ZeroCostProxies.SynflowOf(network, [2]), 12);
    }

    [Fact]
    public void The_parameter_count_counts_every_weight_and_bias()
    {
        using var network = nn.Sequential(nn.Linear(2, 3), nn.ReLU(), nn.Linear(3, 1));

        Assert.Equal((2 * 3) + 3 + 3 + 1, ZeroCostProxies.ParameterCountOf(network));
    }
}
