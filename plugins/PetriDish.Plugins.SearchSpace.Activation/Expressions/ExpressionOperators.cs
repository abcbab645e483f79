using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// Names and definitions of the operators: on tensors (the ground-truth network and the autograd
/// path of the dish) and as second-order jets in double precision (the managed kernels, and the
/// fingerprints that decide which keys name the same function).
/// </summary>
public static class ExpressionOperators
{
    /// <summary>The ε of <c>log_abs</c> (log(|x| + ε)) and the smallest magnitude of <c>div</c>'s denominator.</summary>
    public const double Epsilon = 1e-3;

    private static readonly string[] UnaryNames =
    [
        "id", "neg", "abs", "square", "cube", "sqrt_abs", "exp", "log_abs", "sin", "cos", "sinh", "cosh", "tanh",
        "asinh", "atan", "sinc", "relu", "min0", "sigmoid", "softplus", "gauss", "erf", "zero", "one",
    ];

    private static readonly string[] BinaryNames = ["add", "sub", "mul", "div", "max", "min", "sigmul", "avg"];

    // Held for the process's life: these run in every inner step (see HeldScalars).
    private static readonly Scalar EpsilonScalar = Epsilon.ToScalar();
    private static readonly Scalar MinusEpsilonScalar = (-Epsilon).ToScalar();
    private static readonly Scalar ZeroScalar = 0.0.ToScalar();
    private static readonly Scalar HalfScalar = 0.5.ToScalar();
    private static readonly Scalar InversePiScalar = (1 / Math.PI).ToScalar();
    private static readonly Scalar SqrtFloorScalar = SqrtFloor.ToScalar();

    /// <summary>
    /// <c>sqrt_abs</c> is √max(|x|, 1e-12): at 0 its slope is infinite, and autograd would multiply ∞
    /// by a zero from elsewhere (|x|^2.5 = x²·√|x| has slope 0 at 0) into NaN. The floor changes the
    /// value by at most 1e-6 and makes the slope 0 there.
    /// </summary>
    private const double SqrtFloor = 1e-12;

    /// <summary>Every unary operator, in token order.</summary>
    public static IReadOnlyList<UnaryOperator> Unary { get; } = Enum.GetValues<UnaryOperator>();

    /// <summary>Every binary operator, in token order.</summary>
    public static IReadOnlyList<BinaryOperator> Binary { get; } = Enum.GetValues<BinaryOperator>();

    public static string Name(UnaryOperator op) => UnaryNames[(int)op];

    public static string Name(BinaryOperator op) => BinaryNames[(int)op];

    public static bool TryParse(string name, out UnaryOperator op)
    {
        var index = Array.IndexOf(UnaryNames, name);
        op = (UnaryOperator)Math.Max(index, 0);
        return index >= 0;
    }

    public static bool TryParse(string name, out BinaryOperator op)
    {
        var index = Array.IndexOf(BinaryNames, name);
        op = (BinaryOperator)Math.Max(index, 0);
        return index >= 0;
    }

    /// <summary>
    /// How complex an operator reads, for choosing one key among those of the same function: the
    /// operators that only pass x or a constant on cost nothing, σ(x₁)·x₂ costs two (it holds a sigmoid).
    /// </summary>
    public static int Cost(UnaryOperator op) => op is UnaryOperator.Identity or UnaryOperator.Zero or UnaryOperator.One ? 0 : 1;

    /// <inheritdoc cref="Cost(UnaryOperator)"/>
    public static int Cost(BinaryOperator op) => op == BinaryOperator.SigmoidMultiply ? 2 : 1;

    /// <summary>The unary operator on a tensor, elementwise; differentiable by autograd.</summary>
    public static Tensor Apply(UnaryOperator op, Tensor x) => op switch
    {
        UnaryOperator.Identity => x.alias(),
        UnaryOperator.Negate => x.neg(),
        UnaryOperator.Abs => x.abs(),
        UnaryOperator.Square => x.mul(x),
        UnaryOperator.Cube => x.mul(x).mul(x),
        UnaryOperator.SqrtAbs => x.abs().clamp_min(SqrtFloorScalar).sqrt(),
        UnaryOperator.Exp => x.exp(),
        UnaryOperator.LogAbs => x.abs().add(EpsilonScalar, HeldScalars.One).log(),
        UnaryOperator.Sin => x.sin(),
        UnaryOperator.Cos => x.cos(),
        UnaryOperator.Sinh => x.sinh(),
        UnaryOperator.Cosh => x.cosh(),
        UnaryOperator.Tanh => x.tanh(),
        UnaryOperator.Asinh => x.asinh(),
        UnaryOperator.Atan => x.atan(),
        // torch's sinc is sin(πx)/(πx); ours is sin(x)/x.
        UnaryOperator.Sinc => x.mul(InversePiScalar).sinc(),
        UnaryOperator.Relu => x.relu(),
        UnaryOperator.Min0 => x.clamp_max(ZeroScalar),
        UnaryOperator.Sigmoid => x.sigmoid(),
        // log(1 + eˣ) = max(x, 0) + log(1 + e^−|x|): never overflows.
        UnaryOperator.Softplus => x.relu().add(x.abs().neg().exp().log1p(), HeldScalars.One),
        UnaryOperator.Gauss => x.mul(x).neg().exp(),
        UnaryOperator.Erf => x.erf(),
        UnaryOperator.Zero => zeros_like(x),
        UnaryOperator.One => ones_like(x),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The binary operator on two tensors of one shape, elementwise; differentiable by autograd.</summary>
    public static Tensor Apply(BinaryOperator op, Tensor a, Tensor b) => op switch
    {
        BinaryOperator.Add => a.add(b, HeldScalars.One),
        BinaryOperator.Subtract => a.add(b, HeldScalars.MinusOne),
        BinaryOperator.Multiply => a.mul(b),
        BinaryOperator.Divide => a.div(SafeDenominator(b)),
        BinaryOperator.Max => maximum(a, b),
        BinaryOperator.Min => minimum(a, b),
        BinaryOperator.SigmoidMultiply => a.sigmoid().mul(b),
        BinaryOperator.Average => a.add(b, HeldScalars.One).mul(HalfScalar),
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>x₂ moved away from zero to at least ε in magnitude, keeping its sign (+ at zero): x / 1 stays x.</summary>
    private static Tensor SafeDenominator(Tensor b) => where(b.ge(ZeroScalar), b.clamp_min(EpsilonScalar), b.clamp_max(MinusEpsilonScalar));

    /// <summary>u(x), u′(x), u″(x).</summary>
    internal static ValueWithDerivatives ValueWithDerivatives(UnaryOperator op, double x)
    {
        switch (op)
        {
            case UnaryOperator.Identity: return new(x, 1, 0);
            case UnaryOperator.Negate: return new(-x, -1, 0);
            case UnaryOperator.Abs: return new(Math.Abs(x), Sign(x), 0);
            case UnaryOperator.Square: return new(x * x, 2 * x, 2);
            case UnaryOperator.Cube: return new(x * x * x, 3 * x * x, 6 * x);
            case UnaryOperator.SqrtAbs:
            {
                if (Math.Abs(x) < SqrtFloor)
                {
                    return Expressions.ValueWithDerivatives.Constant(Math.Sqrt(SqrtFloor));
                }

                var r = Math.Sqrt(Math.Abs(x));
                return new(r, Sign(x) / (2 * r), -1 / (4 * r * Math.Abs(x)));
            }

            case UnaryOperator.Exp:
            {
                var e = Math.Exp(x);
                return new(e, e, e);
            }

            case UnaryOperator.LogAbs:
            {
                var a = Math.Abs(x) + Epsilon;
                return new(Math.Log(a), Sign(x) / a, -1 / (a * a));
            }

            case UnaryOperator.Sin: return new(Math.Sin(x), Math.Cos(x), -Math.Sin(x));
            case UnaryOperator.Cos: return new(Math.Cos(x), -Math.Sin(x), -Math.Cos(x));
            case UnaryOperator.Sinh: return new(Math.Sinh(x), Math.Cosh(x), Math.Sinh(x));
            case UnaryOperator.Cosh: return new(Math.Cosh(x), Math.Sinh(x), Math.Cosh(x));
            case UnaryOperator.Tanh:
            {
                var t = Math.Tanh(x);
                var slope = 1 - (t * t);
                return new(t, slope, -2 * t * slope);
            }

            case UnaryOperator.Asinh:
            {
                var q = 1 + (x * x);
                return new(Math.Asinh(x), 1 / Math.Sqrt(q), -x / (q * Math.Sqrt(q)));
            }

            case UnaryOperator.Atan:
            {
                var q = 1 + (x * x);
                return new(Math.Atan(x), 1 / q, -2 * x / (q * q));
            }

            case UnaryOperator.Sinc:
            {
                if (Math.Abs(x) < 1e-4)
                {
                    return new(1 - (x * x / 6), -x / 3, -1.0 / 3);
                }

                var (s, c) = (Math.Sin(x), Math.Cos(x));
                return new(s / x, ((x * c) - s) / (x * x), (-s / x) - (2 * c / (x * x)) + (2 * s / (x * x * x)));
            }

            case UnaryOperator.Relu: return x > 0 ? new(x, 1, 0) : new(0, 0, 0);
            case UnaryOperator.Min0: return x < 0 ? new(x, 1, 0) : new(0, 0, 0);
            case UnaryOperator.Sigmoid: return SigmoidWithDerivatives(x);
            case UnaryOperator.Softplus:
            {
                var s = SigmoidWithDerivatives(x);
                return new(Math.Max(x, 0) + LogOnePlus(Math.Exp(-Math.Abs(x))), s.Value, s.First);
            }

            case UnaryOperator.Gauss:
            {
                var g = Math.Exp(-x * x);
                return new(g, -2 * x * g, ((4 * x * x) - 2) * g);
            }

            case UnaryOperator.Erf:
            {
                var slope = 2 / Math.Sqrt(Math.PI) * Math.Exp(-x * x);
                return new(Erf(x), slope, -2 * x * slope);
            }

            case UnaryOperator.Zero: return Expressions.ValueWithDerivatives.Constant(0);
            case UnaryOperator.One: return Expressions.ValueWithDerivatives.Constant(1);
            default: throw new ArgumentOutOfRangeException(nameof(op), op, null);
        }
    }

    /// <summary>b(a, c) on jets.</summary>
    internal static ValueWithDerivatives ValueWithDerivatives(BinaryOperator op, ValueWithDerivatives a, ValueWithDerivatives b) => op switch
    {
        BinaryOperator.Add => a + b,
        BinaryOperator.Subtract => a - b,
        BinaryOperator.Multiply => a * b,
        BinaryOperator.Divide => a / (b.Value >= 0
            ? (b.Value >= Epsilon ? b : Expressions.ValueWithDerivatives.Constant(Epsilon))
            : (b.Value <= -Epsilon ? b : Expressions.ValueWithDerivatives.Constant(-Epsilon))),
        // Ties follow torch's maximum and minimum only in value; at a tie the derivative is the first operand's.
        BinaryOperator.Max => a.Value >= b.Value ? a : b,
        BinaryOperator.Min => a.Value <= b.Value ? a : b,
        BinaryOperator.SigmoidMultiply => a.Through(SigmoidWithDerivatives(a.Value)) * b,
        BinaryOperator.Average => (a + b) * 0.5,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The sign of x as a double, NaN for NaN (Math.Sign throws on NaN, and a diverging network produces them).</summary>
    private static double Sign(double x) => x > 0 ? 1 : x < 0 ? -1 : x == 0 ? 0 : double.NaN;

    /// <summary>log(1 + y) to full precision for small y (the runtime's LogP1 computes log(y + 1)), as torch's log1p.</summary>
    private static double LogOnePlus(double y)
    {
        var u = 1 + y;
        return u == 1 ? y : Math.Log(u) * y / (u - 1);
    }

    private static ValueWithDerivatives SigmoidWithDerivatives(double x)
    {
        // From e^−|x| ≤ 1: no overflow at either end.
        var e = Math.Exp(-Math.Abs(x));
        var s = x >= 0 ? 1 / (1 + e) : e / (1 + e);
        var slope = s * (1 - s);
        return new(s, slope, slope * (1 - (2 * s)));
    }

    /// <summary>
    /// erf in double precision (.NET has none): its Maclaurin series below 2 (cancellation costs under
    /// two digits there), above 2 erfc's continued fraction (60 terms: converged to the last bit from 2 on).
    /// </summary>
    internal static double Erf(double x)
    {
        var a = Math.Abs(x);
        double result;
        if (a < 2)
        {
            // erf x = 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)).
            var term = a;
            var sum = a;
            for (var n = 1; n < 200 && Math.Abs(term) > 1e-17 * Math.Abs(sum); n++)
            {
                term *= -a * a / n;
                sum += term / ((2 * n) + 1);
            }

            result = 2 / Math.Sqrt(Math.PI) * sum;
        }
        else
        {
            // erfc x = e^−x² / √π · 1 / (x + (1/2) / (x + 1 / (x + (3/2) / (x + …)))), evaluated from the tail.
            var fraction = a;
            for (var k = 60; k >= 1; k--)
            {
                fraction = a + (k / 2.0 / fraction);
            }

            result = 1 - (Math.Exp(-a * a) / (Math.Sqrt(Math.PI) * fraction));
        }

        return x < 0 ? -result : result;
    }
}
