using TorchSharp.Modules;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Tests.Abstractions;

/// <summary>
/// <see cref="HeldOptimizer"/> replaces TorchSharp's optimizers so that no Scalar goes unheld; stored
/// results (ground truth, fits) stay valid only if it computes exactly what they computed.
/// </summary>
public sealed class HeldOptimizerTests
{
    [Theory]
    [InlineData("adam", 0.0)]
    [InlineData("adam", 0.01)]
    [InlineData("sgd", 0.0)]
    [InlineData("sgd", 0.9)]
    public void Steps_equal_TorchSharps_to_the_last_bit(string kind, double setting)
    {
        float[] Train(bool held)
        {
            using var generator = new Generator(5);
            var w = new Parameter(randn([6, 3], generator: generator));
            var b = new Parameter(randn([3], generator: generator));
            using var x = randn([8, 6], generator: generator);
            using var y = randn([8, 3], generator: generator);
            var (learningRate, weightDecay, momentum) = (0.05, kind == "adam" ? setting : 0, kind == "sgd" ? setting : 0);
            using var heldOptimizer = !held ? null : kind == "adam" ? HeldOptimizer.Adam([w, b], learningRate, weightDecay) : HeldOptimizer.Sgd([w, b], learningRate, momentum);
            using var torchOptimizer = held ? null : kind == "adam" ? (OptimizerHelper)optim.Adam([w, b], learningRate, weight_decay: weightDecay) : optim.SGD([w, b], learningRate, momentum);
            for (var step = 0; step < 7; step++)
            {
                using var scope = NewDisposeScope();
                var loss = nn.functional.mse_loss(x.mm(w).add(b, HeldScalars.One).tanh(), y);
                heldOptimizer?.ZeroGrad();
                torchOptimizer?.zero_grad();
                loss.backward();
                heldOptimizer?.Step();
                torchOptimizer?.step();
            }

            return [.. w.data<float>(), .. b.data<float>()];
        }

        var ours = Train(held: true);
        var theirs = Train(held: false);

        Assert.Equal(theirs, ours);
        using var generator = new Generator(5);
        using var initial = randn([6, 3], generator: generator);
        Assert.NotEqual(initial.data<float>().ToArray(), ours.Take(18).ToArray()); // the steps moved something
    }
}
