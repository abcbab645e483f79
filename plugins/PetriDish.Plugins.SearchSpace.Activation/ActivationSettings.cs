using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>Settings of the <c>activation</c> search space.</summary>
public sealed class ActivationSettings
{
    [Description("The activation family: sigmoid-slope (the paper's study), swish-beta or leaky-relu-slope.")]
    public ActivationFamily Family { get; init; } = ActivationFamily.SigmoidSlope;

    [Description("[min, max] of the family's parameter; defaults to the family's usual range (0.01..2.01 for sigmoid-slope).")]
    [MinLength(2)]
    [MaxLength(2)]
    public IReadOnlyList<double>? Range { get; init; }

    [Description("Decimals sampled and mutated parameters are rounded to (readable motif keys).")]
    [Range(1, 10)]
    public int Decimals { get; init; } = 4;

    [Description("The Petri dish's motif-network (the paper's 10-1-1-10).")]
    public MotifNetworkSettings MotifNetwork { get; init; } = new();

    [Description("The ground truth: an MLP on MNIST-format images using the motif in its hidden layers.")]
    public GroundTruthSettings GroundTruth { get; init; } = new();
}
