using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.SearchSpace.Activation.Expressions;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Activation;

public sealed class MlpGroundTruthTests
{
    private static ActivationSearchSpace TinySpace(double epochs = 1) => new(
        new ActivationSettings
        {
            GroundTruth = new GroundTruthSettings { TrainCount = 1500, ValidationCount = 500, HiddenSizes = [32], Epochs = epochs, BatchSize = 64, LearningRate = 0.01, Repeats = 2 },
        },
        TestContexts.Plugin());

    [Fact]
    public async Task A_tiny_real_training_run_on_mnist_is_deterministic_and_learns()
    {
        var space = TinySpace();
        var motif = space.Parse("sigmoid-slope:0.3");

        var first = await space.GroundTruth.EvaluateAsync(motif, Fidelity.Full, seed: 1, progress: null, CancellationToken.None);
        var again = await space.GroundTruth.EvaluateAsync(motif, Fidelity.Full, seed: 1, progress: null, CancellationToken.None);
        var otherSeed = await space.GroundTruth.EvaluateAsync(motif, Fidelity.Full, seed: 2, progress: null, CancellationToken.None);

        Assert.Equal(first.Value, again.Value);
        Assert.NotEqual(first.Value, otherSeed.Value);
        Assert.InRange(first.Value, 0.4, 1.0); // Far above the 0.1 of chance after one epoch on 1,500 images.
        Assert.Equal(first.Value, (first.Details!["accuracy_repeat_0"] + first.Details["accuracy_repeat_1"]) / 2, 12);
        Assert.Equal(1500, first.Details["train_images"]);
        Assert.Equal("validation-accuracy", space.GroundTruth.Metric.Name);
    }

    [Fact]
    public async Task Low_fidelity_trains_on_less_and_reports_progress()
    {
        var space = TinySpace();
        var updates = new List<ProgressUpdate>();

        var result = await space.GroundTruth.EvaluateAsync(space.Parse("sigmoid-slope:0.3"), new Fidelity { Epochs = 0.5, DataFraction = 0.2 }, 1, new SynchronousProgress(updates.Add), CancellationToken.None);

        Assert.Equal(300, result.Details!["train_images"]);
        Assert.Equal(0.5, result.Details["epochs"]);
        Assert.NotEmpty(updates);
        Assert.All(updates, u => Assert.InRange(u.Fraction, 0, 1));
    }

    [Fact]
    public void The_configuration_key_changes_with_the_recipe_and_not_with_the_motif_range()
    {
        string Key(ActivationSettings settings) => new ActivationSearchSpace(settings, TestContexts.Plugin()).GroundTruth.ConfigurationKey;

        var baseline = Key(new ActivationSettings());
        Assert.Equal(baseline, Key(new ActivationSettings { Range = [0.1, 1.0] }));
        Assert.NotEqual(baseline, Key(new ActivationSettings { GroundTruth = new GroundTruthSettings { Epochs = 6 } }));
        Assert.NotEqual(baseline, Key(new ActivationSettings { GroundTruth = new GroundTruthSettings { ValidationCount = 1000 } }));
    }

    [Fact]
    public async Task A_composed_function_that_overflows_is_a_failure_with_its_reason_and_relu_learns_with_he_initialisation()
    {
        var space = new ExpressionSearchSpace(
            new ExpressionSettings { GroundTruth = new GroundTruthSettings { TrainCount = 1500, ValidationCount = 500, HiddenSizes = [100, 100], Epochs = 1, BatchSize = 64, LearningRate = 0.01, Initialization = WeightInitialization.He, Repeats = 1 } },
            TestContexts.Plugin());

        var relu = await space.GroundTruth.EvaluateAsync(space.Parse("expr:max(id,zero)"), Fidelity.Full, seed: 1, progress: null, CancellationToken.None);
        // exp(exp(…)) of a second layer overflows float32 at once.
        var error = await Assert.ThrowsAsync<TrainingDivergedException>(() => space.GroundTruth.EvaluateAsync(space.Parse("expr:mul(exp,exp)"), Fidelity.Full, seed: 1, progress: null, CancellationToken.None));

        Assert.InRange(relu.Value, 0.7, 1.0);
        Assert.Matches("the training loss became|outputs on validation images are not finite", error.Message);
        Assert.Contains("repeat 1 of 1", error.Message);
        Assert.Contains("family=expression", space.GroundTruth.ConfigurationKey);
        Assert.Contains("initialization=He", space.GroundTruth.ConfigurationKey);
    }

    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }
}
