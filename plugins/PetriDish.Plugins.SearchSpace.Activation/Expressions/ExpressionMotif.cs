using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// A composed activation function f(x) = b(u₁(x), u₂(x)), key <c>expr:b(u1,u2)</c>, e.g.
/// <c>expr:mul(id,sigmoid)</c> (Swish). The search space only hands out canonical motifs (see
/// <see cref="ExpressionCatalog"/>): one key per function.
/// </summary>
public sealed record ExpressionMotif(BinaryOperator Binary, UnaryOperator First, UnaryOperator Second) : IMotif
{
    /// <summary>The prefix of every key.</summary>
    public const string Prefix = "expr:";

    // Computed, not stored: a stored key would survive a `with` that changes an operator.
    public string Key => $"{Prefix}{ExpressionOperators.Name(Binary)}({ExpressionOperators.Name(First)},{ExpressionOperators.Name(Second)})";

    /// <summary>How complex the key reads (the canonical key of a function is its cheapest).</summary>
    public int Cost => ExpressionOperators.Cost(Binary) + ExpressionOperators.Cost(First) + ExpressionOperators.Cost(Second);

    /// <summary>f(x), f′(x) and f″(x).</summary>
    internal ValueWithDerivatives ValueWithDerivatives(double x) => ExpressionOperators.ValueWithDerivatives(Binary, ExpressionOperators.ValueWithDerivatives(First, x), ExpressionOperators.ValueWithDerivatives(Second, x));

    /// <summary>f(x).</summary>
    public double Evaluate(double x) => ValueWithDerivatives(x).Value;

    /// <summary>f on a tensor, elementwise; differentiable by autograd.</summary>
    public TorchSharp.torch.Tensor Apply(TorchSharp.torch.Tensor x)
    {
        ArgumentNullException.ThrowIfNull(x);
        using var first = ExpressionOperators.Apply(First, x);
        using var second = ExpressionOperators.Apply(Second, x);
        return ExpressionOperators.Apply(Binary, first, second);
    }

    public override string ToString() => Key;
}
