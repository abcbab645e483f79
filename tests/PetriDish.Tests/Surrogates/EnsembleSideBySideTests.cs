using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.SearchSpace.NasBenchNlp;
using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;
using PetriDish.Sdk;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

namespace PetriDish.Tests.Surrogates;

/// <summary>
/// An ensemble's dishes trained side by side in one tensor program (every motif-network on its own
/// dish's θ_init, synthetic data and labels) must be the same dishes as trained one after another.
/// </summary>
public sealed class EnsembleSideBySideTests
{
    public static TheoryData<string> Spaces => ["activation", "rnn-cell", "nas-bench-nlp"];

    private static (ISearchSpace Space, PetriDishSettings Settings) Setup(string name) => name switch
    {
        "activation" => (new ActivationSearchSpace(new ActivationSettings(), TestContexts.Plugin()), new PetriDishSettings { InnerSteps = 25, Precision = Precision.Float64 }),
        "rnn-cell" => (new RnnCellSearchSpace(new RnnCellSettings(), TestContexts.Plugin()), new PetriDishSettings { Samples = 4, InnerSteps = 4, Precision = Precision.Float64 }),
        _ => (new NasBenchNlpSearchSpace(new NasBenchNlpSettings(), TestContexts.Plugin()), new PetriDishSettings { Samples = 4, InnerSteps = 4, Precision = Precision.Float64 }),
    };

    private static List<IMotif> Draw(ISearchSpace space, int count, int seed)
    {
        var random = new DeterministicRandom(seed);
        return [.. Enumerable.Range(0, count).Select(_ => space.Sample(random))];
    }

    private static List<SyntheticDish> Dishes(ISearchSpace space, PetriDishSettings settings, params int[] seeds) =>
        [.. seeds.Select(seed => SyntheticDish.Create(space.MotifNetworks, space.MotifNetworks.DefaultOptions, settings.Samples, seed, CPU, ScalarType.Float64))];

    [Theory]
    [MemberData(nameof(Spaces))]
    public void Dishes_side_by_side_score_their_motifs_as_each_dish_alone(string name)
    {
        var (space, settings) = Setup(name);
        var trainer = new DishTrainer(settings, space.MotifNetworks, space.MotifNetworks.DefaultOptions, CPU, ScalarType.Float64);
        var dishes = Dishes(space, settings, 1, 2, 3);
        // Each dish its own motifs, of different counts (one dish none at all).
        IReadOnlyList<IMotif>[] motifs = [Draw(space, 5, 10), [], Draw(space, 3, 11)];
        try
        {
            using var network = space.MotifNetworks.Create(motifs[0], space.MotifNetworks.DefaultOptions, CPU, ScalarType.Float64);
            Assert.True(network.AcceptsPerNetworkInputs);

            var together = trainer.ValidationLosses(dishes, motifs, CancellationToken.None);

            for (var d = 0; d < dishes.Count; d++)
            {
                using var alone = trainer.ValidationLosses(dishes[d], motifs[d], CancellationToken.None);
                Assert.Equal(alone.shape, together[d].shape);
                Assert.True(alone.allclose(together[d], rtol: 1e-9, atol: 1e-12), $"dish {d}: alone {Describe(alone)}, side by side {Describe(together[d])}");
            }

            // The dishes differ, so a mix-up between them would show.
            using var other = trainer.ValidationLosses(dishes[2], motifs[0], CancellationToken.None);
            Assert.False(other.allclose(together[0], rtol: 1e-6, atol: 1e-9));
        }
        finally
        {
            dishes.ForEach(d => d.Dispose());
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void An_ensemble_fitted_side_by_side_is_its_dishes_fitted_one_by_one(bool perNetworkInputs)
    {
        // perNetworkInputs false: a motif-network that takes shared inputs only, so the trainer falls
        // back to one program per dish within each step; the results must not depend on the path.
        var (space, settings) = Setup("activation");
        settings = new PetriDishSettings { InnerSteps = 25, Precision = Precision.Float64, OuterSchedule = [new OuterStage { Steps = 4, LearningRate = 0.05 }] };
        IMotifNetworkFactory factory = perNetworkInputs ? space.MotifNetworks : new SharedInputsOnly(space.MotifNetworks);
        var options = factory.DefaultOptions;
        var slopes = new[] { 0.1, 0.2, 0.35, 0.5, 0.7, 0.9, 1.2, 1.5, 1.8, 2.5 };
        var motifs = slopes.Select(c => (IMotif)((ActivationSearchSpace)space).At(c)).ToList();
        var loss = slopes.Select(c => Math.Pow(Math.Log(c / 0.3), 2)).ToArray();
        // Each dish its own split: which motifs it learns from and which it holds out.
        DishAssignment Assignment(int skip) => new(
            [.. motifs.Where((_, i) => i % 3 != skip)], [.. loss.Where((_, i) => i % 3 != skip)],
            new HeldOut([.. motifs.Where((_, i) => i % 3 == skip)], [.. loss.Where((_, i) => i % 3 == skip)]));
        var assignments = new[] { Assignment(0), Assignment(1), Assignment(2) };

        var together = Dishes(space, settings, 4, 5, 6);
        var alone = Dishes(space, settings, 4, 5, 6);
        try
        {
            var trainer = new DishTrainer(settings, factory, options, CPU, ScalarType.Float64);
            var steps = new List<int>();
            var results = trainer.Fit(together, assignments, (step, _, _) => steps.Add(step), CancellationToken.None);
            Assert.Equal([1, 2, 3, 4], steps);

            for (var d = 0; d < 3; d++)
            {
                var single = trainer.Fit(alone[d], assignments[d].Motifs, assignments[d].Targets, assignments[d].HeldOut, (_, _, _) => { }, CancellationToken.None);
                Assert.Equal(single.KeptStep, results[d].KeptStep);
                Assert.Equal(single.FinalLoss, results[d].FinalLoss, 9);
                Assert.Equal(single.HeldOutLoss, results[d].HeldOutLoss, 9);
                Assert.True(alone[d].XTrain.allclose(together[d].XTrain, rtol: 1e-9, atol: 1e-12), $"dish {d}: synthetic training data differ");
                Assert.True(alone[d].XValid.allclose(together[d].XValid, rtol: 1e-9, atol: 1e-12), $"dish {d}: synthetic validation data differ");
                Assert.Equal(alone[d].LossMean, together[d].LossMean, 9);
                Assert.Equal(alone[d].LossStd, together[d].LossStd, 9);
            }

            // Meta-learning moved every dish, each its own way.
            Assert.All(results, r => Assert.True(r.FinalLoss < r.FirstLoss, $"outer loss {r.FirstLoss} → {r.FinalLoss}"));
            Assert.False(together[0].XTrain.allclose(together[1].XTrain));
        }
        finally
        {
            together.ForEach(d => d.Dispose());
            alone.ForEach(d => d.Dispose());
        }
    }

    [Fact]
    public void Managed_dishes_side_by_side_on_several_threads_are_each_dish_alone_to_the_last_bit()
    {
        // Float32 on the CPU: the activation network's managed kernels, one thread per dish.
        var space = new ActivationSearchSpace(new ActivationSettings(), TestContexts.Plugin());
        var settings = new PetriDishSettings { InnerSteps = 25, Parallelism = 3 };
        var options = space.MotifNetworks.DefaultOptions;
        var trainer = new DishTrainer(settings, space.MotifNetworks, options, CPU, ScalarType.Float32);
        var dishes = new[] { 7, 8, 9 }.Select(seed => SyntheticDish.Create(space.MotifNetworks, options, settings.Samples, seed, CPU, ScalarType.Float32)).ToList();
        IReadOnlyList<IMotif>[] motifs = [[.. new[] { 0.1, 0.5, 0.9, 1.7 }.Select(c => space.At(c))], [.. new[] { 0.2, 0.3, 2.0 }.Select(c => space.At(c))], [.. new[] { 0.05, 0.4, 0.8, 1.2, 1.9 }.Select(c => space.At(c))]];
        var assignments = motifs.Select(m => new DishAssignment(m, [.. m.Select(x => Math.Abs(space.PositionOf(x) - 0.3))], null)).ToList();
        try
        {
            var together = trainer.ValidationLosses(dishes, motifs, CancellationToken.None);
            for (var d = 0; d < dishes.Count; d++)
            {
                using var alone = trainer.ValidationLosses(dishes[d], motifs[d], CancellationToken.None);
                Assert.Equal(alone.data<float>().ToArray(), together[d].data<float>().ToArray());
            }

            float[][] MetaGradients(IReadOnlyList<SyntheticDish> group, IReadOnlyList<DishAssignment> work)
            {
                foreach (var dish in group)
                {
                    dish.XTrain.requires_grad_(true);
                    dish.XValid.requires_grad_(true);
                    dish.XTrain.grad?.zero_();
                    dish.XValid.grad?.zero_();
                }

                using var scope = NewDisposeScope();
                var losses = trainer.OuterLosses(group, work, [.. group.Select(_ => (ISet<string>)new HashSet<string>())]);
                losses.Skip(1).Aggregate(losses[0]!, (sum, loss) => sum + loss!).backward();
                var gradients = group.Select(dish => dish.XTrain.grad!.data<float>().ToArray().Concat(dish.XValid.grad!.data<float>().ToArray()).ToArray()).ToArray();
                foreach (var dish in group)
                {
                    dish.XTrain.requires_grad_(false);
                    dish.XValid.requires_grad_(false);
                }

                return gradients;
            }

            var side = MetaGradients(dishes, assignments);
            for (var d = 0; d < dishes.Count; d++)
            {
                Assert.Equal(MetaGradients([dishes[d]], [assignments[d]])[0], side[d]);
                Assert.Contains(side[d], g => Math.Abs(g) > 1e-6);
            }
        }
        finally
        {
            dishes.ForEach(d => d.Dispose());
        }
    }

    private static string Describe(Tensor t) => string.Join(", ", t.data<double>().ToArray());

    /// <summary>The same motif-networks, saying they take shared inputs only.</summary>
    private sealed class SharedInputsOnly(IMotifNetworkFactory inner) : IMotifNetworkFactory
    {
        public MotifNetworkOptions DefaultOptions => inner.DefaultOptions;

        public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype) =>
            inner.CreateInitialParameters(options, generator, device, dtype);

        public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype) =>
            new Network(inner.Create(motifs, options, device, dtype));

        private sealed class Network(IMotifNetwork network) : IMotifNetwork, IMotifNetworkGradient
        {
            public int Count => network.Count;

            public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs) =>
                inputs.dim() == 2 ? network.Forward(parameters, inputs) : throw new InvalidOperationException("shared inputs only");

            public (Tensor? Loss, IReadOnlyList<Tensor> Gradients) LossAndGradients(IReadOnlyList<Tensor> parameters, Tensor inputs, Tensor targets, bool computeLoss) =>
                inputs.dim() == 2 ? ((IMotifNetworkGradient)network).LossAndGradients(parameters, inputs, targets, computeLoss) : throw new InvalidOperationException("shared inputs only");

            public void Dispose() => network.Dispose();
        }
    }
}
