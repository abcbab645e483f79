using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Sdk;

/// <summary>Adam as TorchSharp's <c>optim.Adam</c> steps it, with held Scalars (see <see cref="HeldOptimizer"/>).</summary>
internal sealed class HeldAdam : HeldOptimizer
{
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;

    private readonly double _learningRate;
    private readonly Tensor?[] _firstMoments;
    private readonly Tensor?[] _secondMoments;
    private readonly Scalar _beta1 = Beta1.ToScalar();
    private readonly Scalar _momentumWeight = (1 - Beta1).ToScalar();
    private readonly Scalar _beta2 = Beta2.ToScalar();
    private readonly Scalar _varianceWeight = (1 - Beta2).ToScalar();
    private readonly Scalar _epsilon = 1e-8.ToScalar();
    private readonly Scalar? _weightDecay;
    private Scalar? _rootCorrection2;
    private Scalar? _stepSize;
    private int _step;

    public HeldAdam(IEnumerable<Tensor> parameters, double learningRate, double weightDecay)
        : base(parameters)
    {
        _learningRate = learningRate;
        _weightDecay = weightDecay != 0 ? weightDecay.ToScalar() : null;
        _firstMoments = new Tensor?[Count];
        _secondMoments = new Tensor?[Count];
    }

    protected override void BeginStep()
    {
        _step++;
        _rootCorrection2?.Dispose();
        _stepSize?.Dispose();
        _rootCorrection2 = Math.Sqrt(1 - Math.Pow(Beta2, _step)).ToScalar();
        _stepSize = (-(_learningRate / (1 - Math.Pow(Beta1, _step)))).ToScalar();
    }

    protected override void Update(int index, Tensor parameter, Tensor gradient)
    {
        var m = _firstMoments[index] ??= zeros_like(parameter).DetachFromDisposeScope();
        var v = _secondMoments[index] ??= zeros_like(parameter).DetachFromDisposeScope();
        var g = _weightDecay is null ? gradient : gradient.add(parameter, _weightDecay);
        m.mul_(_beta1).add_(g, _momentumWeight);
        v.mul_(_beta2).addcmul_(g, g, _varianceWeight);
        var denominator = v.sqrt().div_(_rootCorrection2!).add_(_epsilon, HeldScalars.One);
        parameter.addcdiv_(m, denominator, _stepSize!);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var t in _firstMoments.Concat(_secondMoments))
        {
            t?.Dispose();
        }

        foreach (var s in new[] { _beta1, _momentumWeight, _beta2, _varianceWeight, _epsilon, _weightDecay, _rootCorrection2, _stepSize })
        {
            s?.Dispose();
        }
    }
}
