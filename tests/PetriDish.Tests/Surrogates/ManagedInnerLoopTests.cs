using PetriDish.Abstractions;
using PetriDish.Kernels;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.SearchSpace.Activation.Expressions;
using PetriDish.Plugins.SearchSpace.NasBench201;
using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;
using PetriDish.Sdk;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

namespace PetriDish.Tests.Surrogates;

/// <summary>
/// Inference block by block in managed code (<see cref="IMotifNetworkBlockGradient"/>) against the
/// same inference as one libtorch program: equal up to float32 rounding, for every family, several
/// network shapes, both inner optimizers, and a count of motifs that leaves a partial block. (Adam is
/// blind to a gradient off by a constant factor; plain SGD is not, so each family has an SGD case.)
/// </summary>
public sealed class ManagedInnerLoopTests
{
    [Theory]
    [InlineData(ActivationFamily.SigmoidSlope, 1, 2, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.SigmoidSlope, 3, 1, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.SigmoidSlope, 2, 3, InnerOptimizer.Sgd)]
    [InlineData(ActivationFamily.SwishBeta, 1, 2, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.SwishBeta, 4, 2, InnerOptimizer.Sgd)]
    [InlineData(ActivationFamily.LeakyReluSlope, 1, 2, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.LeakyReluSlope, 3, 2, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.LeakyReluSlope, 2, 2, InnerOptimizer.Sgd)]
    public void Managed_blocks_rank_as_the_libtorch_program(ActivationFamily family, int width, int hiddenLayers, InnerOptimizer optimizer)
    {
        var space = new ActivationSearchSpace(new ActivationSettings { Family = family, MotifNetwork = new MotifNetworkSettings { Width = width, HiddenLayers = hiddenLayers } }, TestContexts.Plugin());
        var options = space.MotifNetworks.DefaultOptions;
        var (low, high) = ActivationFunctions.DefaultRange(family);
        // 21 motifs: two full blocks of 8 lanes and a partial one.
        var motifs = Enumerable.Range(0, 21).Select(i => space.At(low + ((high - low) * (i + 0.5) / 21))).ToList();
        PetriDishSettings Settings(bool blocks) => new() { InnerSteps = 40, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.5 : 0.05, ManagedKernels = blocks };
        using var dish = SyntheticDish.Create(space.MotifNetworks, options, Settings(true).Samples, seed: 9, CPU, ScalarType.Float32);
        using var network = space.MotifNetworks.Create(motifs, options, CPU, ScalarType.Float32);

        var a = ManagedEqualsLibtorch(space.MotifNetworks, dish, network, motifs, Settings);

        // Training lowered the loss (a fresh dish's validation samples are its training samples), and
        // the motifs score differently.
        var untrained = new PetriDishSettings { InnerSteps = 0 };
        using var initial = dish.ValidationLosses(network, new DishTrainer(untrained, space.MotifNetworks, options, CPU, ScalarType.Float32).Inner, differentiable: false);
        Assert.True(a.Average() < initial.mean().item<float>(), $"mean loss {initial.mean().item<float>()} → {a.Average()}");
        Assert.True(a.Max() - a.Min() > 1e-3, $"losses {string.Join(", ", a)}");
    }

    [Theory]
    [InlineData(InnerOptimizer.Adam)]
    [InlineData(InnerOptimizer.Sgd)]
    public void Managed_blocks_rank_composed_activations_as_the_libtorch_program(InnerOptimizer optimizer)
    {
        var space = new ExpressionSearchSpace(new ExpressionSettings(), TestContexts.Plugin());
        var options = space.MotifNetworks.DefaultOptions;
        var motifs = ManagedUnrollTests.ExpressionFunctions.Select(space.Parse).ToList();
        PetriDishSettings Settings(bool blocks) => new() { InnerSteps = 40, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.5 : 0.05, ManagedKernels = blocks };
        using var dish = SyntheticDish.Create(space.MotifNetworks, options, Settings(true).Samples, seed: 9, CPU, ScalarType.Float32);
        using var network = space.MotifNetworks.Create(motifs, options, CPU, ScalarType.Float32);

        var losses = ManagedEqualsLibtorch(space.MotifNetworks, dish, network, motifs, Settings).Where(float.IsFinite).ToList();

        Assert.True(losses.Count >= motifs.Count - 3, $"only {losses.Count} of {motifs.Count} trainings stayed finite");
        Assert.True(losses.Max() - losses.Min() > 1e-3, $"losses {string.Join(", ", losses)}");
    }

    [Theory]
    [InlineData(ActivationFamily.SigmoidSlope)]
    [InlineData(ActivationFamily.SwishBeta)]
    [InlineData(ActivationFamily.LeakyReluSlope)]
    public void The_kernel_computes_the_same_on_16_lanes_and_on_the_runtimes_vectors(ActivationFamily family)
    {
        // The machine picks one width; the other must agree lane for lane (the tests above pin one of
        // them to libtorch, whichever this machine runs).
        long[] sizes = [5, 3, 2, 4];
        var random = new Random(3);
        var values = Enumerable.Range(0, 16).Select(_ => 0.1f + (float)random.NextDouble()).ToArray();
        var parameterCount = (5 * 3) + 3 + (3 * 2) + 2 + (2 * 4) + 4;
        var wideParameters = Enumerable.Range(0, parameterCount * 16).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        var inputs = Enumerable.Range(0, 6 * 5).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var targets = Enumerable.Range(0, 6 * 4).Select(_ => (float)random.Next(2)).ToArray();
        var wide = new ActivationBlockKernel<Vector512Lanes>(family, sizes, values);
        var narrow = new ActivationBlockKernel<VectorLanes>(family, sizes, values);
        var lanes = VectorLanes.Count;
        var (wideGradient, wideLoss) = (new float[parameterCount * 16], new float[16]);
        wide.LossAndGradient(0, wideParameters, inputs, targets, 6, wideGradient, wideLoss);

        for (var first = 0; first < 16; first += lanes)
        {
            var narrowParameters = new float[parameterCount * lanes];
            for (var p = 0; p < parameterCount; p++)
            {
                Array.Copy(wideParameters, (p * 16) + first, narrowParameters, p * lanes, lanes);
            }

            var (narrowGradient, narrowLoss) = (new float[parameterCount * lanes], new float[lanes]);
            narrow.LossAndGradient(first, narrowParameters, inputs, targets, 6, narrowGradient, narrowLoss);
            for (var l = 0; l < lanes; l++)
            {
                Assert.Equal(wideLoss[first + l], narrowLoss[l], 1e-6f);
                for (var p = 0; p < parameterCount; p++)
                {
                    Assert.Equal(wideGradient[(p * 16) + first + l], narrowGradient[(p * lanes) + l], 1e-6f);
                }
            }
        }

        Assert.Contains(wideGradient, g => Math.Abs(g) > 1e-3);
    }

    [Theory]
    [InlineData(InnerOptimizer.Adam)]
    [InlineData(InnerOptimizer.Sgd)]
    public void Managed_blocks_of_recurrent_cells_rank_as_the_libtorch_program(InnerOptimizer optimizer)
    {
        // Cells of every wiring and activation, each block mixing them lane by lane, and a partial block.
        var space = new RnnCellSearchSpace(new RnnCellSettings(), TestContexts.Plugin());
        var options = space.MotifNetworks.DefaultOptions;
        var random = new DeterministicRandom(12);
        var motifs = Enumerable.Range(0, 19).Select(_ => space.Sample(random)).Append(space.Parse(RnnCell.RnnCellSearchSpaceTests.PublishedNaoCell)).ToList();
        PetriDishSettings Settings(bool blocks) => new() { Samples = 6, InnerSteps = 12, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.5 : 0.05, ManagedKernels = blocks };
        using var dish = SyntheticDish.Create(space.MotifNetworks, options, 6, seed: 4, CPU, ScalarType.Float32);
        using var network = space.MotifNetworks.Create(motifs, options, CPU, ScalarType.Float32);

        var a = ManagedEqualsLibtorch(space.MotifNetworks, dish, network, motifs, Settings);

        Assert.True(a.Max() - a.Min() > 1e-4, $"losses {string.Join(", ", a)}");
    }

    [Theory]
    [InlineData(InnerOptimizer.Adam)]
    [InlineData(InnerOptimizer.Sgd)]
    public void Managed_blocks_of_conv_cells_rank_as_the_libtorch_program(InnerOptimizer optimizer)
    {
        // NAS-Bench-201 cells of every operation, each block mixing them lane by lane, and a partial block.
        var space = new NasBench201SearchSpace(new NasBench201Settings(), TestContexts.Plugin());
        var options = space.MotifNetworks.DefaultOptions;
        var random = new DeterministicRandom(13);
        var motifs = Enumerable.Range(0, 19).Select(_ => space.Sample(random)).Append(space.Parse("nb201:|none~0|+|none~0|none~1|+|none~0|none~1|none~2|")).ToList();
        PetriDishSettings Settings(bool blocks) => new() { Samples = 6, InnerSteps = 12, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.5 : 0.05, ManagedKernels = blocks };
        using var dish = SyntheticDish.Create(space.MotifNetworks, options, 6, seed: 4, CPU, ScalarType.Float32);
        using var network = space.MotifNetworks.Create(motifs, options, CPU, ScalarType.Float32);

        var a = ManagedEqualsLibtorch(space.MotifNetworks, dish, network, motifs, Settings);

        Assert.True(a.Max() - a.Min() > 1e-4, $"losses {string.Join(", ", a)}");
    }

    /// <summary>
    /// The inner loop with block kernels and without, on the same dish and networks: validation and
    /// final training losses equal to float32 rounding. Returns the block path's validation losses.
    /// </summary>
    private static float[] ManagedEqualsLibtorch(IMotifNetworkFactory factory, SyntheticDish dish, IMotifNetwork network, IReadOnlyList<IMotif> motifs, Func<bool, PetriDishSettings> settings)
    {
        Assert.IsAssignableFrom<IMotifNetworkBlockGradient>(network);
        var options = factory.DefaultOptions;
        var managed = new DishTrainer(settings(true), factory, options, CPU, ScalarType.Float32).Inner;
        var libtorch = new DishTrainer(settings(false), factory, options, CPU, ScalarType.Float32).Inner;
        var (blockValidation, blockTraining) = managed.Run(network, dish.Layout, dish.ThetaInit, dish.XTrain, dish.XValid, dish.Labels, differentiable: false);
        var (torchValidation, torchTraining) = libtorch.Run(network, dish.Layout, dish.ThetaInit, dish.XTrain, dish.XValid, dish.Labels, differentiable: false);

        var (a, b) = (blockValidation.data<float>().ToArray(), torchValidation.data<float>().ToArray());
        Assert.Equal(motifs.Count, a.Length);
        for (var i = 0; i < a.Length; i++)
        {
            // A motif whose training diverges must diverge on both paths.
            Assert.True(Math.Abs(a[i] - b[i]) <= 5e-5 * Math.Max(1, Math.Abs(b[i])) || (!float.IsFinite(a[i]) && !float.IsFinite(b[i])), $"{motifs[i].Key}: managed {a[i]}, libtorch {b[i]}");
        }

        Assert.True(blockTraining.allclose(torchTraining, rtol: 5e-5, atol: 5e-5, equal_nan: true));
        return a;
    }
}
