namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// The unary operators of composed activation functions (Ramachandran, Zoph and Le, 2017), in the
/// order of their tokens; <see cref="ExpressionOperators"/> holds their names and definitions.
/// </summary>
public enum UnaryOperator
{
    Identity,
    Negate,
    Abs,
    Square,
    Cube,
    SqrtAbs,
    Exp,
    LogAbs,
    Sin,
    Cos,
    Sinh,
    Cosh,
    Tanh,
    Asinh,
    Atan,
    Sinc,
    Relu,
    Min0,
    Sigmoid,
    Softplus,
    Gauss,
    Erf,
    Zero,
    One,
}
