namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>The binary operators b(x₁, x₂) of composed activation functions, in the order of their tokens.</summary>
public enum BinaryOperator
{
    Add,
    Subtract,
    Multiply,
    Divide,
    Max,
    Min,
    SigmoidMultiply,
    Average,
}
