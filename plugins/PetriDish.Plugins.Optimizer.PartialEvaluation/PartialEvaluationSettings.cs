using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.Optimizer.PartialEvaluation;

/// <summary>Settings of partial evaluation (paper Appendix A.5).</summary>
public sealed class PartialEvaluationSettings
{
    [Description("Random motifs screened per proposal round with the low-fidelity ground truth.")]
    [Range(1, 100000)]
    public int Candidates { get; init; } = 20;

    [Description("Training epochs of the low-fidelity evaluation (default: the full ground truth's).")]
    [Range(0.001, 1000.0)]
    public double? Epochs { get; init; } = 1;

    [Description("Fraction of the training data the low-fidelity evaluation uses.")]
    [Range(0.001, 1.0)]
    public double DataFraction { get; init; } = 0.25;

    /// <summary>The fidelity of the screening evaluations.</summary>
    public Fidelity ToFidelity() => new() { Epochs = Epochs, DataFraction = DataFraction };
}
