using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation.Data;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>
/// The ground-truth recipe: an MLP (784-100-100-10 by default) with the motif in its hidden layers,
/// trained on MNIST-format images and scored by validation accuracy (mean over repeats).
/// </summary>
public sealed class GroundTruthSettings
{
    [Description("'mnist' (embedded 12,000-image subset), 'fashion-mnist' (apt package dataset-fashion-mnist), or a directory with train-images-idx3-ubyte[.gz] and train-labels-idx1-ubyte[.gz].")]
    [MinLength(1)]
    public string Dataset { get; init; } = "mnist";

    [Description("The last this-many training images are the validation split (default 2,000 embedded, 10,000 otherwise).")]
    [Range(1, int.MaxValue)]
    public int? ValidationCount { get; init; }

    [Description("Use at most this many training images (default: all the rest).")]
    [Range(1, int.MaxValue)]
    public int? TrainCount { get; init; }

    [Description("Widths of the hidden layers (the paper: 100, 100).")]
    [MinLength(1)]
    public IReadOnlyList<int> HiddenSizes { get; init; } = [100, 100];

    [Description("Training epochs.")]
    [Range(0.01, 1000.0)]
    public double Epochs { get; init; } = 5;

    [Range(1, 65536)]
    public int BatchSize { get; init; } = 256;

    [Range(1e-8, 100.0)]
    public double LearningRate { get; init; } = 1e-3;

    [Description("adam or sgd.")]
    public TrainingOptimizer Optimizer { get; init; } = TrainingOptimizer.Adam;

    [Description("Momentum of sgd.")]
    [Range(0.0, 0.999)]
    public double Momentum { get; init; }

    [Description("normal: N(0, initScale²) weights, not scaled by fan-in (the paper's sigmoid-slope setting); he: N(0, 2/fan-in), the conventional initialisation under which ReLU trains as usual.")]
    public WeightInitialization Initialization { get; init; } = WeightInitialization.Normal;

    [Description("With initialization normal: standard deviation of the initial weights, not scaled by fan-in: with large weights a steep sigmoid saturates, which is what gives the slope curve its peak.")]
    [Range(1e-6, 100.0)]
    public double InitScale { get; init; } = 1.0;

    [Description("Independent training runs (different seeds) whose mean accuracy is the ground truth.")]
    [Range(1, 1000)]
    public int Repeats { get; init; } = 3;

    [Description("Fraction of the training images used (a low-fidelity knob; partial evaluation lowers it further).")]
    [Range(0.001, 1.0)]
    public double DataFraction { get; init; } = 1.0;

    /// <summary>What the attributes cannot check (both activation spaces' plugins report these), paths under <c>groundTruth</c>.</summary>
    internal IEnumerable<SettingsError> Check(string baseDirectory)
    {
        foreach (var problem in DatasetLocator.Check(Dataset, baseDirectory))
        {
            yield return new SettingsError("groundTruth.dataset", problem);
        }

        if (HiddenSizes.Any(h => h < 1))
        {
            yield return new SettingsError("groundTruth.hiddenSizes", "every hidden layer needs at least one neuron");
        }
    }
}
