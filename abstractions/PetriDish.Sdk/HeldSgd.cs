using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Sdk;

/// <summary>SGD with optional momentum as TorchSharp's <c>optim.SGD</c> steps it, with held Scalars (see <see cref="HeldOptimizer"/>).</summary>
internal sealed class HeldSgd : HeldOptimizer
{
    private readonly Scalar _negativeLearningRate;
    private readonly Scalar? _momentum;
    private readonly Tensor?[] _buffers;

    public HeldSgd(IEnumerable<Tensor> parameters, double learningRate, double momentum)
        : base(parameters)
    {
        _negativeLearningRate = (-learningRate).ToScalar();
        _momentum = momentum != 0 ? momentum.ToScalar() : null;
        _buffers = new Tensor?[Count];
    }

    protected override void BeginStep()
    {
    }

    protected override void Update(int index, Tensor parameter, Tensor gradient)
    {
        var step = gradient;
        if (_momentum is not null)
        {
            // The first step's buffer is the gradient itself; later ones β·buffer + gradient (no dampening).
            step = _buffers[index] is { } buffer
                ? buffer.mul_(_momentum).add_(gradient, HeldScalars.One)
                : _buffers[index] = gradient.clone().detach().DetachFromDisposeScope();
        }

        parameter.add_(step, _negativeLearningRate);
    }

    protected override void Dispose(bool disposing)
    {
        foreach (var buffer in _buffers)
        {
            buffer?.Dispose();
        }

        _negativeLearningRate.Dispose();
        _momentum?.Dispose();
    }
}
