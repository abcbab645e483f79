using PetriDish.Abstractions;
using PetriDish.Plugins.Optimizer.Nao;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Plugins.Surrogate.NnPredictor;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Reliability;

/// <summary>
/// Issue 26: the product's hot paths besides the dish's fit (PetriDishUnderCollectionPressureTests) —
/// both ground-truth trainings, the NN predictor, NAO — under young collections back to back. A
/// Scalar that nothing holds (an implicit conversion, a hidden alpha) can be finalised while libtorch
/// reads it: the run then crashes or computes with a freed value, so each path must give the same
/// result under pressure as without.
/// </summary>
[Collection(GarbageCollectionPressureCollection.Name)]
public sealed class HotPathsUnderCollectionPressureTests
{
    private static T Unchanged<T>(Func<T> work, Func<T, T, bool> same, int minimumCollections = 20)
    {
        var quiet = work();
        var underPressure = GarbageCollectionPressure.RepeatUntilCollected(work, minimumCollections);
        foreach (var result in underPressure)
        {
            Assert.True(same(quiet, result), $"{quiet} without pressure, {result} under it");
        }

        return underPressure[^1];
    }

    [Fact]
    public void Mnist_ground_truth_training()
    {
        var space = new ActivationSearchSpace(new ActivationSettings
        {
            GroundTruth = new GroundTruthSettings { TrainCount = 1500, ValidationCount = 500, HiddenSizes = [32], Epochs = 1, BatchSize = 64, LearningRate = 0.01, Repeats = 1 },
        }, TestContexts.Plugin());
        var motif = space.Parse("sigmoid-slope:0.3");

        Unchanged(() => space.GroundTruth.EvaluateAsync(motif, Fidelity.Full, seed: 1, progress: null, CancellationToken.None).GetAwaiter().GetResult().Value, (a, b) => a == b);
    }

    [Fact]
    public void Language_model_ground_truth_training()
    {
        var space = new RnnCellSearchSpace(new RnnCellSettings
        {
            GroundTruth = new LanguageModelSettings { EmbeddingSize = 16, HiddenSize = 16, DataFraction = 0.01, ValidationTokens = 2000 },
        }, TestContexts.Plugin());
        var motif = space.Parse("nao-cell:0 1 0 1 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2");

        Unchanged(() => space.GroundTruth.EvaluateAsync(motif, Fidelity.Full, seed: 1, progress: null, CancellationToken.None).GetAwaiter().GetResult().Value, (a, b) => a == b);
    }

    [Fact]
    public void Nn_predictor_fit_and_ranking()
    {
        var space = new ActivationSearchSpace(new ActivationSettings(), TestContexts.Plugin());
        var observations = new[] { 0.2, 0.4, 0.6, 0.8, 1.0, 1.4, 1.8 }.Select(c => new Observation(space.At(c), -Math.Pow(Math.Log(c / 0.3), 2))).ToList();
        var candidates = Enumerable.Range(1, 200).Select(i => space.At(i / 100.0)).ToList();

        Unchanged(() =>
        {
            using var predictor = new NnPredictor(new NnPredictorSettings { Epochs = 300 }, space, TestContexts.Plugin(seed: 4));
            predictor.Fit(observations, null, CancellationToken.None);
            return predictor.Predict(candidates, CancellationToken.None);
        }, (a, b) => a.SequenceEqual(b));
    }

    [Fact]
    public void Nao_training_and_proposals()
    {
        var space = new RnnCellSearchSpace(new RnnCellSettings(), TestContexts.Plugin());
        var random = new Random(5);
        var observations = Enumerable.Range(0, 16).Select(i => space.Sample(random)).DistinctBy(m => m.Key).Select((m, i) => new Observation(m, i / 16.0)).ToList();

        Unchanged(() =>
        {
            using var nao = new NaoOptimizer(new NaoSettings { Epochs = 30 }, space, TestContexts.Plugin(seed: 3));
            var report = nao.Train(observations, iteration: 1, CancellationToken.None);
            return (report.PredictionLoss, report.ReconstructionLoss);
        }, (a, b) => a == b);
    }

    [Fact]
    public void Zero_cost_proxies_on_nas_bench_201_real_networks()
    {
        // Building the benchmark's real networks and scoring them (synflow's forward and backward in
        // float64, the parameter count) with libtorch; a fresh surrogate each time, since scores are
        // cached per space and seed, and a fresh space so that the cache cannot answer.
        var cells = new[]
        {
            "nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|",
            "nb201:|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|",
        };

        Unchanged(() =>
        {
            var space = new PetriDish.Plugins.SearchSpace.NasBench201.NasBench201SearchSpace(
                new PetriDish.Plugins.SearchSpace.NasBench201.NasBench201Settings { RealNetwork = new() { Channels = 4, CellsPerStage = 2, ImageSize = 8 } }, TestContexts.Plugin());
            var motifs = cells.Select(space.Parse).ToList();
            using var synflow = new PetriDish.Plugins.Surrogate.ZeroCost.ZeroCostSurrogate("synflow", space, seed: 2);
            using var parameters = new PetriDish.Plugins.Surrogate.ZeroCost.ZeroCostSurrogate("params", space, seed: 2);
            return synflow.Predict(motifs, CancellationToken.None).Concat(parameters.Predict(motifs, CancellationToken.None)).ToList();
        }, (a, b) => a.SequenceEqual(b));
    }
}
