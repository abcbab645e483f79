using System.ComponentModel;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>Settings of the <c>activation-expression</c> search space.</summary>
public sealed class ExpressionSettings
{
    [Description("The Petri dish's motif-network (the paper's 10-1-1-10).")]
    public MotifNetworkSettings MotifNetwork { get; init; } = new();

    [Description("The ground truth: an MLP on MNIST-format images using the function in its hidden layers. For composed functions use initialization 'he' (the conventional recipe).")]
    public GroundTruthSettings GroundTruth { get; init; } = new() { Initialization = WeightInitialization.He };
}
