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
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

namespace PetriDish.Tests.Surrogates;

/// <summary>
/// The meta-gradient computed in managed code (<see cref="ManagedUnroll"/>: the inner training unrolled
/// block by block and run in reverse; Hessian-vector products by hand for activations, by dual numbers
/// for recurrent cells) against libtorch's autograd through the tensor program in float64, which the
/// finite-difference test pins.
/// </summary>
public sealed class ManagedUnrollTests
{
    [Theory]
    [InlineData(ActivationFamily.SigmoidSlope, 1, 2, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.SigmoidSlope, 3, 1, InnerOptimizer.Sgd)]
    [InlineData(ActivationFamily.SigmoidSlope, 2, 3, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.SwishBeta, 2, 2, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.SwishBeta, 3, 2, InnerOptimizer.Sgd)]
    [InlineData(ActivationFamily.LeakyReluSlope, 2, 2, InnerOptimizer.Adam)]
    [InlineData(ActivationFamily.LeakyReluSlope, 3, 1, InnerOptimizer.Sgd)]
    public void The_managed_meta_gradient_equals_autograds(ActivationFamily family, int width, int hiddenLayers, InnerOptimizer optimizer)
    {
        var space = new ActivationSearchSpace(new ActivationSettings { Family = family, MotifNetwork = new MotifNetworkSettings { Width = width, HiddenLayers = hiddenLayers } }, TestContexts.Plugin());
        var options = space.MotifNetworks.DefaultOptions;
        var (low, high) = ActivationFunctions.DefaultRange(family);
        // 19 motifs: a full block and a partial one, whatever the machine's lanes.
        var motifs = Enumerable.Range(0, 19).Select(i => space.At(low + ((high - low) * (i + 0.5) / 19))).ToList();
        ManagedEqualsAutograd(space.MotifNetworks, motifs, blocks => new PetriDishSettings { InnerSteps = 30, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.3 : 0.05, ManagedKernels = blocks });
    }

    [Theory]
    [InlineData(InnerOptimizer.Adam)]
    [InlineData(InnerOptimizer.Sgd)]
    public void The_managed_meta_gradient_of_composed_activations_equals_autograds(InnerOptimizer optimizer)
    {
        // A different function in every lane (f, f′ and f″ lane by lane from jets), every operator used.
        var space = new ExpressionSearchSpace(new ExpressionSettings(), TestContexts.Plugin());
        var motifs = ExpressionFunctions.Select(space.Parse).ToList();
        ManagedEqualsAutograd(space.MotifNetworks, motifs, blocks => new PetriDishSettings { InnerSteps = 30, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.3 : 0.05, ManagedKernels = blocks });
    }

    [Fact]
    public void A_network_whose_share_of_the_meta_gradient_is_not_finite_is_left_out_of_that_step()
    {
        // The real kernel, with one network's second-order products poisoned: the step keeps the
        // others' shares instead of becoming NaN as a whole.
        var space = new ExpressionSearchSpace(new ExpressionSettings(), TestContexts.Plugin());
        var motifs = ExpressionFunctions.Take(6).Select(space.Parse).ToList();
        var targets = motifs.Select((_, i) => Math.Cos(i)).ToArray();
        var settings = new PetriDishSettings { InnerSteps = 10 };
        using var dish = SyntheticDish.Create(space.MotifNetworks, space.MotifNetworks.DefaultOptions, settings.Samples, seed: 4, CPU, ScalarType.Float32);

        float[] Gradient(int? poisoned, out int dropped)
        {
            var trainer = new DishTrainer(settings, new PoisoningFactory(space.MotifNetworks, poisoned), space.MotifNetworks.DefaultOptions, CPU, ScalarType.Float32);
            dish.XTrain.requires_grad_(true);
            try
            {
                using var scope = NewDisposeScope();
                trainer.OuterLoss(dish, motifs, targets, new HashSet<string>())!.backward();
                dropped = trainer.Inner.DroppedMetaGradients;
                var gradient = dish.XTrain.grad!.data<float>().ToArray();
                dish.XTrain.grad!.zero_();
                return gradient;
            }
            finally
            {
                dish.XTrain.requires_grad_(false);
            }
        }

        var clean = Gradient(poisoned: null, out var droppedClean);
        var kept = Gradient(poisoned: 2, out var droppedPoisoned);

        Assert.Equal(0, droppedClean);
        Assert.Equal(1, droppedPoisoned);
        Assert.All(kept, g => Assert.True(float.IsFinite(g)));
        Assert.NotEqual(clean, kept);
    }

    /// <summary>Networks of <paramref name="inner"/> whose input products are NaN in lane <paramref name="poisoned"/>.</summary>
    private sealed class PoisoningFactory(IMotifNetworkFactory inner, int? poisoned) : IMotifNetworkFactory
    {
        public MotifNetworkOptions DefaultOptions => inner.DefaultOptions;

        public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype) =>
            inner.CreateInitialParameters(options, generator, device, dtype);

        public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype) =>
            new PoisonedNetwork(inner.Create(motifs, options, device, dtype), poisoned);

        private sealed class PoisonedNetwork(IMotifNetwork network, int? poisoned) : IMotifNetworkBlockMetaGradient, IMotifNetwork
        {
            private IMotifNetworkBlockMetaGradient Kernel => (IMotifNetworkBlockMetaGradient)network;

            public int Count => network.Count;

            public int BlockSize => Kernel.BlockSize;

            public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs) => network.Forward(parameters, inputs);

            public void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses) =>
                Kernel.LossAndGradient(first, parameters, inputs, targets, samples, gradient, losses);

            public void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient) =>
                Kernel.WeightedLossGradient(first, parameters, inputs, targets, samples, weights, parameterGradient, inputGradient);

            public void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct)
            {
                Kernel.GradientProducts(first, parameters, inputs, targets, samples, direction, parameterProduct, inputProduct);
                if (poisoned is { } lane && lane >= first && lane < first + BlockSize)
                {
                    inputProduct[lane - first] = float.NaN;
                }
            }

            public void Dispose() => network.Dispose();
        }
    }

    /// <summary>
    /// 19 composed functions using every operator but two, the constant 0 among them: a full block and a
    /// partial one. Left out are sqrt_abs and log_abs, whose slopes at 0 (∞, and 1/ε = 1000 with
    /// curvature −10⁶) amplify last-bit differences so much that no two float32 implementations agree:
    /// the libtorch program disagrees with itself between batch sizes (√|x| − x: 0.7673 in a batch of 2,
    /// 0.7694 in a batch of 19) while the managed path gives 0.7672 in both. Their jets, which the
    /// kernels evaluate, are checked in double precision against finite differences.
    /// </summary>
    internal static readonly string[] ExpressionFunctions =
    [
        "expr:max(id,zero)", "expr:mul(id,sigmoid)", "expr:add(tanh,zero)", "expr:sub(sin,cube)", "expr:div(atan,cosh)",
        "expr:min(asinh,gauss)", "expr:sigmul(erf,softplus)", "expr:avg(sinc,atan)", "expr:mul(exp,min0)", "expr:sub(softplus,neg)",
        "expr:max(abs,sinh)", "expr:sub(relu,square)", "expr:add(one,cos)", "expr:add(zero,zero)", "expr:div(sigmoid,one)",
        "expr:mul(tanh,gauss)", "expr:avg(id,exp)", "expr:min(cos,relu)", "expr:sigmul(id,tanh)",
    ];

    [Theory]
    [InlineData(InnerOptimizer.Adam)]
    [InlineData(InnerOptimizer.Sgd)]
    public void The_managed_meta_gradient_of_recurrent_cells_equals_autograds(InnerOptimizer optimizer)
    {
        // The cell kernel's second-order products come from running it on dual numbers. Cells of every
        // wiring and activation, mixed lane by lane, and a partial block.
        var space = new RnnCellSearchSpace(new RnnCellSettings(), TestContexts.Plugin());
        var random = new DeterministicRandom(21);
        var motifs = Enumerable.Range(0, 18).Select(_ => space.Sample(random)).Append(space.Parse(RnnCell.RnnCellSearchSpaceTests.PublishedNaoCell)).ToList();
        ManagedEqualsAutograd(space.MotifNetworks, motifs, blocks => new PetriDishSettings { Samples = 6, InnerSteps = 12, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.5 : 0.05, ManagedKernels = blocks });
    }

    [Theory]
    [InlineData(InnerOptimizer.Adam)]
    [InlineData(InnerOptimizer.Sgd)]
    public void The_managed_meta_gradient_of_conv_cells_equals_autograds(InnerOptimizer optimizer)
    {
        // The conv-cell kernel's second-order products (batch norm included) from dual numbers; cells of
        // every operation mixed lane by lane, and a partial block.
        var space = new NasBench201SearchSpace(new NasBench201Settings(), TestContexts.Plugin());
        var random = new DeterministicRandom(22);
        var motifs = Enumerable.Range(0, 18).Select(_ => space.Sample(random)).Append(space.Parse("nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")).ToList();
        ManagedEqualsAutograd(space.MotifNetworks, motifs, blocks => new PetriDishSettings { Samples = 6, InnerSteps = 12, InnerOptimizer = optimizer, InnerLearningRate = optimizer == InnerOptimizer.Sgd ? 0.5 : 0.05, ManagedKernels = blocks });
    }

    /// <summary>
    /// One outer loss and its meta-gradient in managed float32 against autograd in float64 from the same
    /// dish: the loss to 1e-4, each gradient element within 0.5 % of the largest, or within twice what
    /// float32 autograd itself strays from float64 where that is more (Adam's normalisation amplifies
    /// rounding where a gradient is nearly zero, on either path).
    /// </summary>
    private static void ManagedEqualsAutograd(IMotifNetworkFactory factory, IReadOnlyList<IMotif> motifs, Func<bool, PetriDishSettings> settings)
    {
        var options = factory.DefaultOptions;
        var groundTruthLoss = motifs.Select((_, i) => Math.Sin(i * 1.3)).ToArray();
        using var drawn = SyntheticDish.Create(factory, options, settings(true).Samples, seed: 4, CPU, ScalarType.Float32);
        using (no_grad())
        {
            // Different sets, so that a mix-up of their gradients shows.
            drawn.XValid.mul_(0.7).add_(0.2);
        }

        (double Loss, double[] Train, double[] Valid) MetaGradient(bool blocks, ScalarType dtype)
        {
            var trainer = new DishTrainer(settings(blocks), factory, options, CPU, dtype);
            using var dish = Copy(drawn, dtype);
            using var network = factory.Create(motifs, options, CPU, dtype);
            Assert.Equal(blocks, trainer.Inner.RunsOnManagedKernels(network, dish.ThetaInit, differentiable: true));
            dish.XTrain.requires_grad_(true);
            dish.XValid.requires_grad_(true);
            using var scope = NewDisposeScope();
            var loss = trainer.OuterLoss(dish, motifs, groundTruthLoss, new HashSet<string>())!;
            loss.backward();
            double[] Values(Tensor t) => t.to(ScalarType.Float64).data<double>().ToArray();
            return (loss.to(ScalarType.Float64).item<double>(), Values(dish.XTrain.grad!), Values(dish.XValid.grad!));
        }

        var managed = MetaGradient(blocks: true, ScalarType.Float32);
        var float32 = MetaGradient(blocks: false, ScalarType.Float32);
        var exact = MetaGradient(blocks: false, ScalarType.Float64);

        Assert.Equal(exact.Loss, managed.Loss, 1e-4);
        foreach (var (a, b, c) in new[] { (managed.Train, exact.Train, float32.Train), (managed.Valid, exact.Valid, float32.Valid) })
        {
            var scale = b.Max(Math.Abs);
            Assert.True(scale > 1e-4, "the check must not pass on an all-zero gradient");
            var autogradError = b.Zip(c, (x, y) => Math.Abs(x - y)).Max() / scale;
            var tolerance = Math.Max(5e-3, 2 * autogradError) * scale;
            for (var i = 0; i < a.Length; i++)
            {
                Assert.True(Math.Abs(a[i] - b[i]) <= tolerance, $"element {i}: managed {a[i]:E4}, autograd in float64 {b[i]:E4} (largest {scale:E3}; float32 autograd strays by {autogradError:P2} of it)");
            }
        }
    }

    /// <summary>The same dish in another precision (its checkpoint read back).</summary>
    private static SyntheticDish Copy(SyntheticDish dish, ScalarType dtype)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            dish.Save(writer);
        }

        stream.Position = 0;
        using var reader = new BinaryReader(stream);
        return SyntheticDish.Load(reader, CPU, dtype);
    }

    [Theory]
    [InlineData(ActivationFamily.SigmoidSlope)]
    [InlineData(ActivationFamily.SwishBeta)]
    [InlineData(ActivationFamily.LeakyReluSlope)]
    public void The_second_order_kernel_computes_the_same_on_16_lanes_and_on_the_runtimes_vectors(ActivationFamily family)
    {
        // The test above pins whichever width this machine runs to autograd; the other must agree.
        long[] sizes = [5, 3, 2, 4];
        var random = new Random(5);
        float[] Draw(int n, double spread) => [.. Enumerable.Range(0, n).Select(_ => (float)((random.NextDouble() - 0.5) * spread))];
        var values = Enumerable.Range(0, 16).Select(_ => 0.1f + (float)random.NextDouble()).ToArray();
        var parameterCount = (5 * 3) + 3 + (3 * 2) + 2 + (2 * 4) + 4;
        var (parameters, direction, weights) = (Draw(parameterCount * 16, 1), Draw(parameterCount * 16, 1), Draw(16, 2));
        var (inputs, targets) = (Draw(6 * 5, 2), Enumerable.Range(0, 6 * 4).Select(_ => (float)random.Next(2)).ToArray());
        var wide = new ActivationBlockKernel<Vector512Lanes>(family, sizes, values);
        var narrow = new ActivationBlockKernel<VectorLanes>(family, sizes, values);
        var (wideProduct, wideInputs) = (new float[parameterCount * 16], new float[inputs.Length * 16]);
        var (wideGradient, wideInputGradient) = (new float[parameterCount * 16], new float[inputs.Length * 16]);
        wide.GradientProducts(0, parameters, inputs, targets, 6, direction, wideProduct, wideInputs);
        wide.WeightedLossGradient(0, parameters, inputs, targets, 6, weights, wideGradient, wideInputGradient);

        var lanes = VectorLanes.Count;
        float[] Narrow(float[] wideValues, int count, int first) =>
            [.. Enumerable.Range(0, count).SelectMany(p => wideValues.Skip((p * 16) + first).Take(lanes))];
        for (var first = 0; first < 16; first += lanes)
        {
            var (product, inputProduct) = (new float[parameterCount * lanes], new float[inputs.Length * lanes]);
            var (gradient, inputGradient) = (new float[parameterCount * lanes], new float[inputs.Length * lanes]);
            narrow.GradientProducts(first, Narrow(parameters, parameterCount, first), inputs, targets, 6, Narrow(direction, parameterCount, first), product, inputProduct);
            narrow.WeightedLossGradient(first, Narrow(parameters, parameterCount, first), inputs, targets, 6, weights.AsSpan(first, lanes), gradient, inputGradient);
            AssertClose(Narrow(wideProduct, parameterCount, first), product);
            AssertClose(Narrow(wideInputs, inputs.Length, first), inputProduct);
            AssertClose(Narrow(wideGradient, parameterCount, first), gradient);
            AssertClose(Narrow(wideInputGradient, inputs.Length, first), inputGradient);
        }

        // Nothing above may pass on all zeros.
        Assert.All(new[] { wideProduct, wideInputs, wideGradient, wideInputGradient }, v => Assert.Contains(v, g => Math.Abs(g) > 1e-6));
    }

    /// <summary>Equal up to float32 rounding, relative to the largest magnitude.</summary>
    private static void AssertClose(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        var tolerance = 1e-5f * (expected.Max(Math.Abs) + 1e-6f);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"element {i}: {expected[i]:E4} vs {actual[i]:E4}");
        }
    }
}
