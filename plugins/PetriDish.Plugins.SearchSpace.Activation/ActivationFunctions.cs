using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The families' functions, shared by the motif-networks and the ground-truth network.</summary>
public static class ActivationFunctions
{
    /// <summary>Applies the family's activation with <paramref name="parameter"/> broadcast against <paramref name="x"/>.</summary>
    public static Tensor Apply(ActivationFamily family, Tensor x, Tensor parameter) => family switch
    {
        ActivationFamily.SigmoidSlope => sigmoid(x * parameter),
        ActivationFamily.SwishBeta => x * sigmoid(x * parameter),
        ActivationFamily.LeakyReluSlope => where(Positive(x), x, x * parameter),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>
    /// The derivative f′(x) of the family's activation, given x, its value f(x) (as <see cref="Apply"/>
    /// computed it: reused where the derivative is a function of it) and the parameter.
    /// </summary>
    public static Tensor Derivative(ActivationFamily family, Tensor x, Tensor value, Tensor parameter) => family switch
    {
        // d σ(cx)/dx = c σ(cx) (1 − σ(cx))
        ActivationFamily.SigmoidSlope => value.mul(value.neg().add_(HeldScalars.One, HeldScalars.One)).mul_(parameter),
        // d x σ(βx)/dx = σ(βx) (1 + βx (1 − σ(βx)))
        ActivationFamily.SwishBeta => SwishDerivative(x, parameter),
        ActivationFamily.LeakyReluSlope => where(Positive(x), ones_like(x), parameter.expand_as(x)),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    private static Tensor SwishDerivative(Tensor x, Tensor beta)
    {
        var bx = x.mul(beta);
        var s = sigmoid(bx);
        // Held Scalars only, the alphas too: this runs every inner step (see HeldScalars).
        return bx.mul_(s.neg().add_(HeldScalars.One, HeldScalars.One)).add_(HeldScalars.One, HeldScalars.One).mul_(s);
    }

    /// <summary><c>x &gt; 0</c> with a held zero (the operator would make a Scalar nothing keeps alive).</summary>
    private static Tensor Positive(Tensor x)
    {
        using var zero = 0.0.ToScalar();
        return x.gt(zero);
    }

    /// <summary>The family's name in motif keys and settings (kebab-case).</summary>
    public static string Name(ActivationFamily family) => family switch
    {
        ActivationFamily.SigmoidSlope => "sigmoid-slope",
        ActivationFamily.SwishBeta => "swish-beta",
        ActivationFamily.LeakyReluSlope => "leaky-relu-slope",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>The parameter's name in messages and plots.</summary>
    public static string ParameterName(ActivationFamily family) => family switch
    {
        ActivationFamily.SigmoidSlope => "slope c",
        ActivationFamily.SwishBeta => "β",
        ActivationFamily.LeakyReluSlope => "negative slope a",
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };

    /// <summary>The family's default parameter range.</summary>
    public static (double Minimum, double Maximum) DefaultRange(ActivationFamily family) => family switch
    {
        ActivationFamily.SigmoidSlope => (0.01, 2.01),
        ActivationFamily.SwishBeta => (0.0, 4.0),
        ActivationFamily.LeakyReluSlope => (0.0, 1.0),
        _ => throw new ArgumentOutOfRangeException(nameof(family), family, null),
    };
}
