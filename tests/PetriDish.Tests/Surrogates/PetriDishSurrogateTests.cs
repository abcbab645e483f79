using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

namespace PetriDish.Tests.Surrogates;

public sealed class PetriDishSurrogateTests
{
    private static readonly ActivationSearchSpace Space = new(new ActivationSettings(), TestContexts.Plugin());

    private static List<Observation> Observations(params double[] slopes) =>
        [.. slopes.Select(c => new Observation(Space.At(c), -Math.Pow(Math.Log(c / 0.3), 2)))];

    private static PetriDishSettings Quick(int outerSteps = 3, int innerSteps = 20, Precision precision = Precision.Float32, int ensemble = 1, bool managedKernels = true) => new()
    {
        InnerSteps = innerSteps,
        ManagedKernels = managedKernels,
        OuterSchedule = [new OuterStage { Steps = outerSteps, LearningRate = 0.05 }],
        Precision = precision,
        Ensemble = ensemble,
    };

    [Theory]
    [InlineData(true, Precision.Float32, "compute_path_managed_meta_gradient")]
    [InlineData(false, Precision.Float32, "compute_path_tensor_autograd")]
    [InlineData(true, Precision.Float64, "compute_path_tensor_autograd")]
    public void A_fits_diagnostics_say_which_compute_path_its_inner_training_took(bool managedKernels, Precision precision, string expected)
    {
        // The activation networks have managed kernels, in float32 only; the setting can turn them off.
        using var dish = new PetriDishSurrogate(Quick(precision: precision, managedKernels: managedKernels), Space, TestContexts.Plugin());

        var report = dish.Fit(Observations(0.4, 0.8, 1.2, 1.6), null, CancellationToken.None);

        Assert.Equal(1, report.Diagnostics[expected]);
        var paths = report.Diagnostics.Keys.Where(k => k.StartsWith("compute_path_", StringComparison.Ordinal)).ToList();
        Assert.All(paths, p => Assert.Equal(1, report.Diagnostics[p]));
        Assert.DoesNotContain(managedKernels && precision == Precision.Float32 ? "compute_path_tensor_autograd" : "compute_path_managed_meta_gradient", paths);
    }

    [Fact]
    public void The_compute_path_follows_what_the_network_implements_and_what_the_run_needs()
    {
        using var network = Space.MotifNetworks.Create([Space.At(0.5), Space.At(1.0)], Space.MotifNetworks.DefaultOptions, CPU, ScalarType.Float32);
        using var theta = zeros(3, dtype: ScalarType.Float32);
        using var theta64 = zeros(3, dtype: ScalarType.Float64);
        var exact = new ComputePathSelector(steps: 20, metaGradientSteps: null);
        var truncated = new ComputePathSelector(steps: 20, metaGradientSteps: 5);
        var tensorOnly = new ComputePathSelector(steps: 20, metaGradientSteps: null, managedKernels: false);

        Assert.Equal(ComputePath.ManagedMetaGradient, exact.Choose(network, theta, differentiable: true));
        Assert.Equal(ComputePath.ManagedInference, exact.Choose(network, theta, differentiable: false));
        Assert.Equal(ComputePath.TensorHandWrittenGradient, truncated.Choose(network, theta, differentiable: true));
        Assert.Equal(ComputePath.TensorAutograd, exact.Choose(network, theta64, differentiable: true));
        Assert.Equal(ComputePath.TensorHandWrittenGradient, exact.Choose(network, theta64, differentiable: false));
        Assert.Equal(ComputePath.TensorAutograd, tensorOnly.Choose(network, theta, differentiable: true));
    }

    [Fact]
    public void The_meta_gradient_matches_finite_differences_in_float64()
    {
        // Tiny case: 3 motifs, 2 samples of 3 features, 2 outputs, 6 unrolled Adam steps.
        var space = new ActivationSearchSpace(new ActivationSettings { MotifNetwork = new MotifNetworkSettings { InputSize = 3, OutputSize = 2 } }, TestContexts.Plugin());
        var settings = new PetriDishSettings { Samples = 2, InnerSteps = 6, InnerLearningRate = 0.1, L2 = 1e-3, Precision = Precision.Float64 };
        var options = space.MotifNetworks.DefaultOptions;
        var trainer = new DishTrainer(settings, space.MotifNetworks, options, CPU, ScalarType.Float64);
        using var dish = SyntheticDish.Create(space.MotifNetworks, options, settings.Samples, seed: 3, CPU, ScalarType.Float64);
        // Make the two sets differ, so that their gradients differ too.
        using (no_grad())
        {
            dish.XValid.add_(0.3);
        }

        var motifs = new[] { 0.2, 0.9, 1.7 }.Select(c => space.At(c)).ToList();
        double[] groundTruthLoss = [0.3, 0.1, 0.6];
        double Loss()
        {
            using var scope = NewDisposeScope();
            return trainer.OuterLoss(dish, motifs, groundTruthLoss, new HashSet<string>())!.item<double>();
        }

        dish.XTrain.requires_grad_(true);
        dish.XValid.requires_grad_(true);
        var loss = trainer.OuterLoss(dish, motifs, groundTruthLoss, new HashSet<string>())!;
        loss.backward();
        var analytic = dish.XTrain.grad!.clone().data<double>().ToArray().Concat(dish.XValid.grad!.clone().data<double>().ToArray()).ToArray();
        dish.XTrain.requires_grad_(false);
        dish.XValid.requires_grad_(false);

        const double h = 1e-6;
        var numeric = new List<double>();
        foreach (var x in new Tensor[] { dish.XTrain, dish.XValid })
        {
            var flat = x.view(-1);
            for (var i = 0; i < flat.shape[0]; i++)
            {
                var original = flat[i].item<double>();
                flat[i] = original + h;
                var up = Loss();
                flat[i] = original - h;
                var down = Loss();
                flat[i] = original;
                numeric.Add((up - down) / (2 * h));
            }
        }

        Assert.Equal(analytic.Length, numeric.Count);
        Assert.Contains(analytic, g => Math.Abs(g) > 1e-4); // The check must not pass on an all-zero gradient.
        for (var i = 0; i < analytic.Length; i++)
        {
            Assert.True(Math.Abs(analytic[i] - numeric[i]) <= 1e-6 + (1e-5 * Math.Abs(numeric[i])), $"element {i}: autograd {analytic[i]:E6}, finite differences {numeric[i]:E6}");
        }
    }

    [Fact]
    public void Truncated_unrolling_is_exact_when_it_covers_every_step_and_differs_otherwise()
    {
        var options = Space.MotifNetworks.DefaultOptions;
        var motifs = new[] { 0.2, 0.9, 1.7 }.Select(c => Space.At(c)).ToList();
        double[] groundTruthLoss = [0.3, 0.1, 0.6];
        double[] Gradient(int? metaGradientSteps)
        {
            var settings = new PetriDishSettings { InnerSteps = 8, MetaGradientSteps = metaGradientSteps, Precision = Precision.Float64 };
            var trainer = new DishTrainer(settings, Space.MotifNetworks, options, CPU, ScalarType.Float64);
            using var dish = SyntheticDish.Create(Space.MotifNetworks, options, settings.Samples, seed: 2, CPU, ScalarType.Float64);
            dish.XTrain.requires_grad_(true);
            trainer.OuterLoss(dish, motifs, groundTruthLoss, new HashSet<string>())!.backward();
            return dish.XTrain.grad!.data<double>().ToArray();
        }

        var exact = Gradient(null);
        var covering = Gradient(8);
        var truncated = Gradient(2);

        Assert.Equal(exact, covering);
        Assert.All(truncated, g => Assert.True(double.IsFinite(g)));
        Assert.NotEqual(exact, truncated);
    }

    [Theory]
    [InlineData(InnerOptimizer.Adam)]
    [InlineData(InnerOptimizer.Sgd)]
    public void Inference_with_the_networks_hand_written_gradient_equals_inference_through_autograd(InnerOptimizer optimizer)
    {
        var options = Space.MotifNetworks.DefaultOptions;
        var settings = new PetriDishSettings { InnerSteps = 40, InnerOptimizer = optimizer, InnerLearningRate = 0.05, Precision = Precision.Float64 };
        var trainer = new DishTrainer(settings, Space.MotifNetworks, options, CPU, ScalarType.Float64);
        using var dish = SyntheticDish.Create(Space.MotifNetworks, options, settings.Samples, seed: 5, CPU, ScalarType.Float64);
        var motifs = new[] { 0.05, 0.3, 0.9, 1.4, 2.0 }.Select(c => Space.At(c)).ToList();
        using var network = Space.MotifNetworks.Create(motifs, options, CPU, ScalarType.Float64);
        Assert.IsAssignableFrom<IMotifNetworkGradient>(network);

        using var handWritten = dish.ValidationLosses(network, trainer.Inner, differentiable: false);
        using var throughAutograd = dish.ValidationLosses(new AutogradOnly(network), trainer.Inner, differentiable: false);

        Assert.True(handWritten.allclose(throughAutograd, rtol: 1e-10, atol: 1e-12), $"hand-written {string.Join(", ", handWritten.data<double>().ToArray())}, autograd {string.Join(", ", throughAutograd.data<double>().ToArray())}");
        Assert.True((handWritten.max() - handWritten.min()).item<double>() > 1e-3); // the motifs train differently
    }

    /// <summary>The same network without its hand-written gradient, so that the inner loop differentiates it with autograd.</summary>
    private sealed class AutogradOnly(IMotifNetwork network) : IMotifNetwork
    {
        public int Count => network.Count;

        public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs) => network.Forward(parameters, inputs);

        public void Dispose()
        {
        }
    }

    [Fact]
    public void Batched_inference_equals_one_motif_at_a_time()
    {
        using var surrogate = new PetriDishSurrogate(Quick(precision: Precision.Float64), Space, TestContexts.Plugin());
        surrogate.Fit(Observations(0.4, 0.8, 1.2, 1.6), null, CancellationToken.None);
        var motifs = new[] { 0.05, 0.25, 0.6, 1.1, 1.9 }.Select(c => Space.At(c)).ToList();

        var batched = surrogate.Predict(motifs, CancellationToken.None);
        var looped = motifs.Select(m => surrogate.Predict([m], CancellationToken.None).Single()).ToList();

        Assert.Equal(looped.Count, batched.Count);
        for (var i = 0; i < batched.Count; i++)
        {
            Assert.Equal(looped[i], batched[i], 10);
        }
    }

    [Fact]
    public void Chunked_inference_equals_one_big_batch()
    {
        var motifs = Enumerable.Range(0, 7).Select(i => Space.At(0.1 + (0.27 * i))).ToList();
        using var whole = new PetriDishSurrogate(Quick(precision: Precision.Float64), Space, TestContexts.Plugin());
        using var chunked = new PetriDishSurrogate(new PetriDishSettings { Ensemble = 1, InnerSteps = 20, OuterSchedule = Quick().OuterSchedule, Precision = Precision.Float64, InferenceBatchSize = 3 }, Space, TestContexts.Plugin());
        whole.Fit(Observations(0.4, 0.8, 1.2, 1.6), null, CancellationToken.None);
        chunked.Fit(Observations(0.4, 0.8, 1.2, 1.6), null, CancellationToken.None);

        // Equal up to rounding: a chunk's matrix products are blocked differently from the whole batch's.
        var (a, b) = (whole.Predict(motifs, CancellationToken.None), chunked.Predict(motifs, CancellationToken.None));
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 10));
    }

    [Fact]
    public void Fitting_lowers_the_outer_loss_and_the_same_seed_gives_the_same_dish()
    {
        var observations = Observations(0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6);
        using var first = new PetriDishSurrogate(Quick(outerSteps: 15), Space, TestContexts.Plugin(seed: 5));
        using var second = new PetriDishSurrogate(Quick(outerSteps: 15), Space, TestContexts.Plugin(seed: 5));

        var report = first.Fit(observations, null, CancellationToken.None);
        second.Fit(observations, null, CancellationToken.None);

        Assert.True(report.Diagnostics["dish0_outer_loss_final"] < report.Diagnostics["dish0_outer_loss_first"], $"outer loss {report.Diagnostics["dish0_outer_loss_first"]} → {report.Diagnostics["dish0_outer_loss_final"]}");
        var probe = Observations(0.1, 0.5, 1.9).Select(o => o.Motif).ToList();
        Assert.Equal(first.Predict(probe, CancellationToken.None), second.Predict(probe, CancellationToken.None));
    }

    [Fact]
    public void With_rank_targets_only_the_order_of_the_observations_matters()
    {
        var observations = Observations(0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6);
        // A monotone transform of the scores: the same order, very different values.
        var stretched = observations.Select(o => o with { Score = Math.Exp(5 * o.Score) }).ToList();
        var probe = Observations(0.1, 0.5, 1.9).Select(o => o.Motif).ToList();
        IReadOnlyList<double> Ranking(List<Observation> fitOn, OuterTarget target)
        {
            using var dish = new PetriDishSurrogate(new PetriDishSettings { InnerSteps = 20, OuterSchedule = Quick(outerSteps: 4).OuterSchedule, OuterTarget = target, Precision = Precision.Float64 }, Space, TestContexts.Plugin(seed: 5));
            dish.Fit(fitOn, null, CancellationToken.None);
            var scores = dish.Predict(probe, CancellationToken.None);
            return [.. Enumerable.Range(0, probe.Count).OrderBy(i => scores[i]).Select(i => (double)i)];
        }

        double[] RawScores(List<Observation> fitOn, OuterTarget target)
        {
            using var dish = new PetriDishSurrogate(new PetriDishSettings { InnerSteps = 20, OuterSchedule = Quick(outerSteps: 4).OuterSchedule, OuterTarget = target, Precision = Precision.Float64 }, Space, TestContexts.Plugin(seed: 5));
            dish.Fit(fitOn, null, CancellationToken.None);
            return [.. dish.Predict(probe, CancellationToken.None)];
        }

        // The dish itself (its synthetic data) is the same under ranks; only the calibration to the scores' scale differs.
        Assert.Equal(Ranking(observations, OuterTarget.Ranks), Ranking(stretched, OuterTarget.Ranks));
        var ranks = RawScores(observations, OuterTarget.Ranks);
        var stretchedRanks = RawScores(stretched, OuterTarget.Ranks);
        var values = RawScores(observations, OuterTarget.Values);
        var stretchedValues = RawScores(stretched, OuterTarget.Values);
        double Correlation(double[] a, double[] b) => a.Zip(b, (x, y) => (x - a.Average()) * (y - b.Average())).Sum() / Math.Sqrt(a.Sum(x => Math.Pow(x - a.Average(), 2)) * b.Sum(y => Math.Pow(y - b.Average(), 2)));
        Assert.Equal(1.0, Correlation(ranks, stretchedRanks), 9);
        Assert.NotEqual(1.0, Correlation(values, stretchedValues), 6);
    }

    [Fact]
    public void A_hold_out_keeps_the_outer_step_that_ranks_the_held_out_motifs_best()
    {
        // Learned: the rise-and-fall of Observations. Held out: more slopes of the same curve, or of
        // the curve upside down. Learning the curve should help the first and hurt the second.
        var learned = Observations(0.3, 0.5, 0.7, 0.9, 1.2, 1.5, 1.8);
        var probe = new[] { 0.4, 0.6, 1.0, 1.4, 1.7 };
        var same = Observations(probe);
        var options = Space.MotifNetworks.DefaultOptions;
        var settings = Quick(outerSteps: 8, precision: Precision.Float64);
        var trainer = new DishTrainer(settings, Space.MotifNetworks, options, CPU, ScalarType.Float64);
        DishFitResult Fit(SyntheticDish dish, IEnumerable<double> heldOutLoss) => trainer.Fit(
            dish, [.. learned.Select(o => o.Motif)], [.. learned.Select(o => -o.Score)],
            new HeldOut([.. same.Select(o => o.Motif)], [.. heldOutLoss]), (_, _, _) => { }, CancellationToken.None);

        using var consistent = SyntheticDish.Create(Space.MotifNetworks, options, settings.Samples, seed: 3, CPU, ScalarType.Float64);
        using var contrary = SyntheticDish.Create(Space.MotifNetworks, options, settings.Samples, seed: 3, CPU, ScalarType.Float64);
        using var drawn = SyntheticDish.Create(Space.MotifNetworks, options, settings.Samples, seed: 3, CPU, ScalarType.Float64);

        var helped = Fit(consistent, same.Select(o => -o.Score));
        var hurt = Fit(contrary, same.Select(o => o.Score));

        Assert.InRange(helped.KeptStep, 1, 8);
        Assert.True(double.IsFinite(helped.HeldOutLoss));
        Assert.Equal(0, hurt.KeptStep);
        // Step 0 kept: the synthetic data is exactly as drawn.
        Assert.True(contrary.XTrain.equal(drawn.XTrain).all().item<bool>());
        Assert.True(contrary.XValid.equal(drawn.XValid).all().item<bool>());
        Assert.False(consistent.XTrain.equal(drawn.XTrain).all().item<bool>());
    }

    [Fact]
    public void An_empty_outer_schedule_is_the_dish_before_meta_learning()
    {
        var observations = Observations(0.4, 0.8, 1.2, 1.6);
        using var untrained = new PetriDishSurrogate(new PetriDishSettings { InnerSteps = 20, OuterSchedule = [], Precision = Precision.Float64 }, Space, TestContexts.Plugin(seed: 4));
        using var trained = new PetriDishSurrogate(new PetriDishSettings { InnerSteps = 20, OuterSchedule = Quick(outerSteps: 3).OuterSchedule, Precision = Precision.Float64 }, Space, TestContexts.Plugin(seed: 4));

        var report = untrained.Fit(observations, null, CancellationToken.None);
        trained.Fit(observations, null, CancellationToken.None);

        Assert.True(double.IsNaN(report.Diagnostics["dish0_outer_loss_first"]));
        var probe = Observations(0.1, 0.9, 1.8).Select(o => o.Motif).ToList();
        Assert.NotEqual(untrained.Predict(probe, CancellationToken.None), trained.Predict(probe, CancellationToken.None));
        Assert.Empty(new PetriDishSurrogatePlugin().Validate(new PetriDishSettings { OuterSchedule = [] }, new PluginValidationContext { BaseDirectory = RepoPaths.Root }));
    }

    [Fact]
    public void A_saved_and_loaded_dish_predicts_exactly_as_the_original()
    {
        using var fitted = new PetriDishSurrogate(Quick(ensemble: 2), Space, TestContexts.Plugin());
        fitted.Fit(Observations(0.4, 0.8, 1.2, 1.6), null, CancellationToken.None);
        using var state = new MemoryStream();
        fitted.Save(state);
        state.Position = 0;

        using var loaded = new PetriDishSurrogate(Quick(ensemble: 2), Space, TestContexts.Plugin(seed: 99));
        loaded.Load(state);

        var motifs = Observations(0.05, 0.3, 0.7, 1.3, 2.0).Select(o => o.Motif).ToList();
        Assert.Equal(fitted.Predict(motifs, CancellationToken.None), loaded.Predict(motifs, CancellationToken.None));
    }

    [Fact]
    public void A_warm_started_fit_continues_from_the_previous_fit_and_a_loaded_state_continues_alike()
    {
        var first = Observations(0.4, 0.8, 1.2, 1.6);
        var second = Observations(0.4, 0.8, 1.2, 1.6, 0.2, 1.9);
        var motifs = Observations(0.05, 0.3, 0.7, 1.3, 2.0).Select(o => o.Motif).ToList();
        var warm = new PetriDishSettings { InnerSteps = 20, OuterSchedule = Quick().OuterSchedule, Ensemble = 1, WarmStart = true };

        using var continued = new PetriDishSurrogate(warm, Space, TestContexts.Plugin());
        continued.Fit(first, null, CancellationToken.None);
        using var state = new MemoryStream();
        continued.Save(state);
        continued.Fit(second, null, CancellationToken.None);

        // A search resumed between the two fits hands the surrogate the first fit's saved state.
        using var resumed = new PetriDishSurrogate(warm, Space, TestContexts.Plugin());
        state.Position = 0;
        resumed.Load(state);
        resumed.Fit(second, null, CancellationToken.None);

        using var fresh = new PetriDishSurrogate(Quick(), Space, TestContexts.Plugin());
        fresh.Fit(second, null, CancellationToken.None);

        var expected = continued.Predict(motifs, CancellationToken.None);
        Assert.Equal(expected, resumed.Predict(motifs, CancellationToken.None));
        Assert.NotEqual(expected, fresh.Predict(motifs, CancellationToken.None));
    }

    [Fact]
    public void A_saved_dish_can_be_reused_from_the_state_setting_without_further_training()
    {
        using var temp = new TempDirectory();
        using var fitted = new PetriDishSurrogate(Quick(), Space, TestContexts.Plugin());
        var observations = Observations(0.4, 0.8, 1.2, 1.6);
        fitted.Fit(observations, null, CancellationToken.None);
        using (var file = File.Create(temp.File("dish.bin")))
        {
            fitted.Save(file);
        }

        using var reused = new PetriDishSurrogate(new PetriDishSettings { InnerSteps = 20, State = "dish.bin", OuterSchedule = [] }, Space, TestContexts.Plugin(baseDirectory: temp.Path));
        reused.Fit(observations, null, CancellationToken.None);

        var motifs = Observations(0.1, 0.9, 1.8).Select(o => o.Motif).ToList();
        var expected = fitted.Predict(motifs, CancellationToken.None);
        var actual = reused.Predict(motifs, CancellationToken.None);
        Assert.All(expected.Zip(actual), p => Assert.Equal(p.First, p.Second, 6));
    }

    [Fact]
    public void A_state_that_does_not_fit_the_motif_networks_is_refused_clearly()
    {
        using var fitted = new PetriDishSurrogate(Quick(), Space, TestContexts.Plugin());
        fitted.Fit(Observations(0.4, 0.8, 1.2), null, CancellationToken.None);
        using var state = new MemoryStream();
        fitted.Save(state);
        state.Position = 0;
        using var wider = new PetriDishSurrogate(new PetriDishSettings { Width = 3 }, Space, TestContexts.Plugin());

        var error = Assert.Throws<InvalidDataException>(() => wider.Load(state));

        Assert.Contains("the saved Petri dish has motif-network parameters", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0.4, 0.8 }, null, "at least 3 observations")]
    [InlineData(new[] { 0.4, 0.8, 1.2 }, 0.5, "same value")]
    [InlineData(new[] { 0.4, 0.8, 1.2 }, double.NaN, "not a finite number")]
    public void Unusable_observations_are_refused(double[] slopes, double? value, string reason)
    {
        using var surrogate = new PetriDishSurrogate(Quick(), Space, TestContexts.Plugin());
        var observations = slopes.Select((c, i) => new Observation(Space.At(c), value is { } v ? (double.IsNaN(v) && i > 0 ? i : v) : i)).ToList();

        var error = Assert.Throws<ArgumentException>(() => surrogate.Fit(observations, null, CancellationToken.None));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_diverging_motif_is_left_out_of_the_outer_loss_and_reported()
    {
        // Leaky-ReLU networks with a huge learning rate blow up for the steepest slopes.
        var leaky = new ActivationSearchSpace(new ActivationSettings { Family = ActivationFamily.LeakyReluSlope, Range = [0, 50] }, TestContexts.Plugin());
        var settings = new PetriDishSettings { InnerSteps = 30, InnerOptimizer = InnerOptimizer.Sgd, InnerLearningRate = 40, OuterSchedule = [new OuterStage { Steps = 2, LearningRate = 0.01 }] };
        using var surrogate = new PetriDishSurrogate(settings, leaky, TestContexts.Plugin());
        var observations = new[] { 0.0, 0.1, 0.2, 0.3, 50.0 }.Select((a, i) => new Observation(leaky.At(a), i)).ToList();

        var report = surrogate.Fit(observations, null, CancellationToken.None);

        Assert.Contains(report.Warnings, w => w.Contains("diverged", StringComparison.Ordinal) && w.Contains("leaky-relu-slope:50", StringComparison.Ordinal));
        var predictions = surrogate.Predict([leaky.At(50), leaky.At(0.1)], CancellationToken.None);
        Assert.All(predictions, p => Assert.True(double.IsFinite(p)));
        Assert.True(predictions[0] < predictions[1]);
    }
}
