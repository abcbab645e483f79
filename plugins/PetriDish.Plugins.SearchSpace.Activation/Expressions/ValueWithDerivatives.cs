namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// A function's value with its first and second derivatives at one point (a second-order jet), so
/// that composing jets gives f, f′ and f″ of a composed function: what the managed kernels need for
/// the inner gradient and for the meta-gradient's Hessian-vector products.
/// </summary>
internal readonly record struct ValueWithDerivatives(double Value, double First, double Second)
{
    /// <summary>The jet of a constant.</summary>
    public static ValueWithDerivatives Constant(double value) => new(value, 0, 0);

    /// <summary>g(this) for g with value, slope and curvature <paramref name="g"/> at this jet's value (the chain rule).</summary>
    public ValueWithDerivatives Through(ValueWithDerivatives g) => new(g.Value, g.First * First, (g.Second * First * First) + (g.First * Second));

    public static ValueWithDerivatives operator +(ValueWithDerivatives a, ValueWithDerivatives b) => new(a.Value + b.Value, a.First + b.First, a.Second + b.Second);

    public static ValueWithDerivatives operator -(ValueWithDerivatives a, ValueWithDerivatives b) => new(a.Value - b.Value, a.First - b.First, a.Second - b.Second);

    public static ValueWithDerivatives operator *(ValueWithDerivatives a, ValueWithDerivatives b) =>
        new(a.Value * b.Value, (a.First * b.Value) + (a.Value * b.First), (a.Second * b.Value) + (2 * a.First * b.First) + (a.Value * b.Second));

    public static ValueWithDerivatives operator *(ValueWithDerivatives a, double c) => new(a.Value * c, a.First * c, a.Second * c);

    public static ValueWithDerivatives operator /(ValueWithDerivatives a, ValueWithDerivatives b)
    {
        var q = a.Value / b.Value;
        var first = (a.First - (q * b.First)) / b.Value;
        return new(q, first, (a.Second - (2 * first * b.First) - (q * b.Second)) / b.Value);
    }
}
