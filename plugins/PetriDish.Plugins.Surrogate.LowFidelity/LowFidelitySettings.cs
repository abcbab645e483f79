using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.LowFidelity;

/// <summary>How cheap the ground truth is made.</summary>
public sealed class LowFidelitySettings
{
    [Description("Training epochs (default: the full ground truth's).")]
    [Range(0.0001, 1000.0)]
    public double? Epochs { get; init; } = 1;

    [Description("Fraction of the training data.")]
    [Range(0.0001, 1.0)]
    public double DataFraction { get; init; } = 0.25;

    /// <summary>The fidelity these settings ask the ground truth for.</summary>
    public Fidelity ToFidelity() => new() { Epochs = Epochs, DataFraction = DataFraction };
}
