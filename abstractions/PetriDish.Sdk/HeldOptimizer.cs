using static TorchSharp.torch;

namespace PetriDish.Sdk;

/// <summary>
/// TorchSharp's Adam and SGD steps, operation for operation (the same results to the last bit), with
/// every Scalar held: TorchSharp's own steps convert their doubles to Scalars that nothing keeps alive
/// during the native call, and a garbage collection then can fail or crash the step (see
/// <see cref="HeldScalars"/>; seen in a Petri-dish fit and in a ground-truth training).
/// </summary>
public abstract class HeldOptimizer : IDisposable
{
    private readonly Tensor[] _parameters;

    /// <param name="parameters">The tensors to optimise (leaves that get gradients).</param>
    protected HeldOptimizer(IEnumerable<Tensor> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        _parameters = [.. parameters];
    }

    /// <summary>TorchSharp's <c>optim.Adam</c> (β 0.9/0.999, ε 1e-8, L2 weight decay as it adds it to the gradient).</summary>
    public static HeldOptimizer Adam(IEnumerable<Tensor> parameters, double learningRate, double weightDecay = 0) =>
        new HeldAdam(parameters, learningRate, weightDecay);

    /// <summary>TorchSharp's <c>optim.SGD</c> with optional momentum (no dampening, no Nesterov).</summary>
    public static HeldOptimizer Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0) =>
        new HeldSgd(parameters, learningRate, momentum);

    /// <summary>Zeroes every parameter's gradient.</summary>
    public void ZeroGrad()
    {
        foreach (var parameter in _parameters)
        {
            parameter.grad?.zero_();
        }
    }

    /// <summary>One step on every parameter that has a gradient.</summary>
    public void Step()
    {
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        BeginStep();
        for (var i = 0; i < _parameters.Length; i++)
        {
            if (_parameters[i].grad is { } gradient)
            {
                Update(i, _parameters[i], gradient);
            }
        }
    }

    /// <summary>Frees the optimizer's state (moments, momentum buffers, its Scalars).</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Called once per <see cref="Step"/>, before the parameters' updates.</summary>
    protected abstract void BeginStep();

    /// <summary>Updates parameter <paramref name="index"/> in place.</summary>
    protected abstract void Update(int index, Tensor parameter, Tensor gradient);

    /// <summary>Frees the optimizer's state.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    /// <summary>The number of parameters.</summary>
    protected int Count => _parameters.Length;
}
