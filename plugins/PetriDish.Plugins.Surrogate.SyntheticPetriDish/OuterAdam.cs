using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>
/// Adam on a dish's synthetic inputs: TorchSharp's <c>optim.Adam</c> step, operation for operation
/// (β 0.9/0.999, ε 1e-8, no weight decay), with every Scalar held. TorchSharp's own step converts
/// doubles to Scalars nothing keeps alive during the native call; under garbage-collection pressure a
/// fit then failed in <c>Scalar::toFloat</c> (see <see cref="HeldScalars"/>).
/// </summary>
internal sealed class OuterAdam : IDisposable
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double Epsilon = 1e-8;

    private readonly Tensor[] _parameters;
    private readonly Tensor[] _firstMoments;
    private readonly Tensor[] _secondMoments;
    private readonly double _learningRate;
    private int _step;

    public OuterAdam(IReadOnlyList<Tensor> parameters, double learningRate)
    {
        _parameters = [.. parameters];
        _firstMoments = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _secondMoments = [.. _parameters.Select(p => zeros_like(p).DetachFromDisposeScope())];
        _learningRate = learningRate;
    }

    /// <summary>Zeroes the parameters' gradients.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    /// <summary>One Adam step on every parameter that has a gradient.</summary>
    public void Step()
    {
        _step++;
        var correction1 = 1 - Math.Pow(Beta1, _step);
        var correction2 = 1 - Math.Pow(Beta2, _step);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        using var beta1 = Beta1.ToScalar();
        using var momentumWeight = (1 - Beta1).ToScalar();
        using var beta2 = Beta2.ToScalar();
        using var varianceWeight = (1 - Beta2).ToScalar();
        using var rootCorrection2 = Math.Sqrt(correction2).ToScalar();
        using var epsilon = Epsilon.ToScalar();
        using var stepSize = (-_learningRate / correction1).ToScalar();
        for (var i = 0; i < _parameters.Length; i++)
        {
            var gradient = _parameters[i].grad;
            if (gradient is null)
            {
                continue;
            }

            _firstMoments[i].mul_(beta1).add_(gradient, momentumWeight);
            _secondMoments[i].mul_(beta2).addcmul_(gradient, gradient, varianceWeight);
            var denominator = _secondMoments[i].sqrt().div_(rootCorrection2).add_(epsilon, HeldScalars.One);
            _parameters[i].addcdiv_(_firstMoments[i], denominator, stepSize);
        }
    }

    public void Dispose()
    {
        Array.ForEach(_firstMoments, t => t.Dispose());
        Array.ForEach(_secondMoments, t => t.Dispose());
    }
}
