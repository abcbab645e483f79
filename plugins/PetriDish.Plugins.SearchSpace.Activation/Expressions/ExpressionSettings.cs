using System.ComponentModel;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>Settings of the <c>activation-expression</c> search space.</summary>
public sealed class ExpressionSettings
{
    [Description("The Petri dish's motif-network (the paper's 10-1-1-10). Its weights default to standard deviation 0.3, not 1.0: pre-activations of about the scale a composed function sees in the He-initialised ground-truth network (docs/activation-expression.md).")]
    public MotifNetworkSettings MotifNetwork { get; init; } = new() { InitScale = 0.3 };

    [Description("The ground truth: an MLP on MNIST-format images using the function in its hidden layers. For composed functions use initialization 'he' (the conventional recipe).")]
    public GroundTruthSettings GroundTruth { get; init; } = new() { Initialization = WeightInitialization.He };
}
