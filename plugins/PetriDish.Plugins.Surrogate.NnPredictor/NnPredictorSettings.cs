using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Surrogate.NnPredictor;

/// <summary>Settings of the NN predictor (defaults: the paper's 2-layer, 10-wide MLP).</summary>
public sealed class NnPredictorSettings
{
    [Description("Widths of the hidden layers.")]
    [MinLength(1)]
    public IReadOnlyList<int> HiddenSizes { get; init; } = [10, 10];

    public HiddenActivation Activation { get; init; } = HiddenActivation.Relu;

    [Description("Full-batch Adam steps on the observations.")]
    [Range(1, 1000000)]
    public int Epochs { get; init; } = 2000;

    [Range(1e-8, 10.0)]
    public double LearningRate { get; init; } = 0.01;

    [Range(0.0, 10.0)]
    public double WeightDecay { get; init; }

    [Description("Which of the search space's encodings to learn from: null for its default; a name it offers, such as 'op-counts' for NAS-Bench-NLP cells (the count of each operation).")]
    public string? Encoding { get; init; }
}
