using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PetriDish.Kernels;
using PetriDish.Plugins.SearchSpace.Activation.Expressions;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>
/// <see cref="ActivationBlockKernel"/> on lanes <typeparamref name="T"/>: the same arithmetic as
/// <see cref="ActivationMotifNetwork.LossAndGradients"/>, sample by sample, every activation of a
/// sample kept in a few vectors.
/// </summary>
/// <remarks>
/// Not thread-safe: the scratch vectors belong to the instance. The hot methods are compiled fully
/// optimised at once: a ranking is over before tiered compilation would get to them.
/// </remarks>
internal sealed class ActivationBlockKernel<T> : ActivationBlockKernel
    where T : struct, ILanes<T>
{
    private readonly ActivationFamily _family;
    private readonly int[] _sizes;
    private readonly float[] _values;
    private readonly ExpressionMotif[]? _expressions;
    private readonly int[] _weights;
    private readonly int[] _biases;
    private readonly T[][] _preActivations;
    private readonly T[][] _activations;
    private readonly T[][] _preActivationTangents;
    private readonly T[][] _activationTangents;
    private T[] _delta;
    private T[] _deltaBelow;
    private T[] _tangentDelta;
    private T[] _tangentDeltaBelow;
    private int _first;

    /// <param name="family">The family, when <paramref name="expressions"/> is null.</param>
    /// <param name="sizes">Layer sizes: inputs, the hidden layers, outputs.</param>
    /// <param name="values">Each network's parameter of the family (empty with expressions).</param>
    /// <param name="expressions">Each network's composed function, or null for a family.</param>
    public ActivationBlockKernel(ActivationFamily family, IReadOnlyList<long> sizes, float[] values, ExpressionMotif[]? expressions = null)
    {
        _family = family;
        _sizes = [.. sizes.Select(s => (int)s)];
        _values = values;
        _expressions = expressions;
        var layers = _sizes.Length - 1;
        _weights = new int[layers];
        _biases = new int[layers];
        var offset = 0;
        for (var layer = 0; layer < layers; layer++)
        {
            _weights[layer] = offset;
            offset += _sizes[layer] * _sizes[layer + 1];
            _biases[layer] = offset;
            offset += _sizes[layer + 1];
        }

        _preActivations = [.. Enumerable.Range(0, layers).Select(l => new T[_sizes[l + 1]])];
        _activations = [.. Enumerable.Range(0, layers).Select(l => new T[_sizes[l + 1]])];
        _preActivationTangents = [.. Enumerable.Range(0, layers).Select(l => new T[_sizes[l + 1]])];
        _activationTangents = [.. Enumerable.Range(0, layers).Select(l => new T[_sizes[l + 1]])];
        _delta = new T[_sizes.Max()];
        _deltaBelow = new T[_sizes.Max()];
        _tangentDelta = new T[_sizes.Max()];
        _tangentDeltaBelow = new T[_sizes.Max()];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses)
    {
        _first = first;
        var p = MemoryMarshal.Cast<float, T>(parameters);
        var g = MemoryMarshal.Cast<float, T>(gradient);
        g.Clear();
        var wantGradient = !gradient.IsEmpty;
        var wantLoss = !losses.IsEmpty;
        var parameter = LaneValues(first);
        var layers = _sizes.Length - 1;
        var (fanIn0, outputs) = (_sizes[0], _sizes[^1]);
        var loss = T.Zero;
        for (var s = 0; s < samples; s++)
        {
            var x = inputs.Slice(s * fanIn0, fanIn0);
            Forward(p, x, parameter);
            var logits = _preActivations[layers - 1];
            var y = targets.Slice(s * outputs, outputs);
            for (var j = 0; j < outputs; j++)
            {
                var z = logits[j];
                var target = T.Create(y[j]);
                if (wantLoss)
                {
                    loss += LanesMath.BinaryCrossEntropyWithLogits(z, target);
                }

                _delta[j] = LanesMath.Sigmoid(z) - target;
            }

            if (wantGradient)
            {
                Backward(p, g, x, parameter, default);
            }
        }

        var scale = T.Create(1f / (samples * outputs));
        for (var i = 0; i < g.Length; i++)
        {
            g[i] *= scale;
        }

        if (wantLoss)
        {
            (loss * scale).CopyTo(losses);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void WeightedLossGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> weights, Span<float> parameterGradient, Span<float> inputGradient)
    {
        _first = first;
        var p = MemoryMarshal.Cast<float, T>(parameters);
        var g = MemoryMarshal.Cast<float, T>(parameterGradient);
        var inputBar = MemoryMarshal.Cast<float, T>(inputGradient);
        g.Clear();
        var parameter = LaneValues(first);
        var layers = _sizes.Length - 1;
        var (fanIn0, outputs) = (_sizes[0], _sizes[^1]);
        // The mean's scale goes into the output delta, so that the input gradient gets it too.
        var weight = T.Create(weights) * T.Create(1f / (samples * outputs));
        for (var s = 0; s < samples; s++)
        {
            var x = inputs.Slice(s * fanIn0, fanIn0);
            Forward(p, x, parameter);
            var logits = _preActivations[layers - 1];
            var y = targets.Slice(s * outputs, outputs);
            for (var j = 0; j < outputs; j++)
            {
                _delta[j] = weight * (LanesMath.Sigmoid(logits[j]) - T.Create(y[j]));
            }

            Backward(p, g, x, parameter, inputBar.Slice(s * fanIn0, fanIn0));
        }
    }

    /// <summary>
    /// Reverse over forward: the forward pass carries tangents along u (the lane's direction), so that
    /// the loss's tangent is φ = ⟨∇_θ loss, u⟩; backpropagating φ through values and tangents gives
    /// ∇_θ φ (the Hessian times u) and ∇_x φ. Value adjoints live in <see cref="_delta"/>, tangent
    /// adjoints in <see cref="_tangentDelta"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void GradientProducts(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, ReadOnlySpan<float> direction, Span<float> parameterProduct, Span<float> inputProduct)
    {
        _first = first;
        var p = MemoryMarshal.Cast<float, T>(parameters);
        var u = MemoryMarshal.Cast<float, T>(direction);
        var h = MemoryMarshal.Cast<float, T>(parameterProduct);
        var inputBar = MemoryMarshal.Cast<float, T>(inputProduct);
        h.Clear();
        var parameter = LaneValues(first);
        var layers = _sizes.Length - 1;
        var (fanIn0, outputs) = (_sizes[0], _sizes[^1]);
        var scale = T.Create(1f / (samples * outputs));
        for (var s = 0; s < samples; s++)
        {
            var x = inputs.Slice(s * fanIn0, fanIn0);
            Forward(p, x, parameter);
            TangentForward(p, u, x, parameter);
            var logits = _preActivations[layers - 1];
            var logitTangents = _preActivationTangents[layers - 1];
            var y = targets.Slice(s * outputs, outputs);
            for (var j = 0; j < outputs; j++)
            {
                // φ = scale · Σ_j (σ(z_j) − y_j) · ż_j.
                var sigmoid = LanesMath.Sigmoid(logits[j]);
                _delta[j] = scale * sigmoid * (T.One - sigmoid) * logitTangents[j];
                _tangentDelta[j] = scale * (sigmoid - T.Create(y[j]));
            }

            for (var layer = layers - 1; layer >= 0; layer--)
            {
                var (fanIn, fanOut) = (_sizes[layer], _sizes[layer + 1]);
                var w = p.Slice(_weights[layer], fanIn * fanOut);
                var uw = u.Slice(_weights[layer], fanIn * fanOut);
                var hw = h.Slice(_weights[layer], fanIn * fanOut);
                var hb = h.Slice(_biases[layer], fanOut);
                for (var j = 0; j < fanOut; j++)
                {
                    hb[j] += _delta[j];
                }

                for (var i = 0; i < fanIn; i++)
                {
                    // z = W a + b and ż = U a + W ȧ + u_b: a's adjoint gets W z̄ + U ż̄, ȧ's gets W ż̄.
                    var input = layer == 0 ? T.Create(x[i]) : _activations[layer - 1][i];
                    var inputTangent = layer == 0 ? T.Zero : _activationTangents[layer - 1][i];
                    var row = w.Slice(i * fanOut, fanOut);
                    var directionRow = uw.Slice(i * fanOut, fanOut);
                    var productRow = hw.Slice(i * fanOut, fanOut);
                    var back = T.Zero;
                    var tangentBack = T.Zero;
                    for (var j = 0; j < fanOut; j++)
                    {
                        productRow[j] = T.MultiplyAdd(inputTangent, _tangentDelta[j], T.MultiplyAdd(input, _delta[j], productRow[j]));
                        back = T.MultiplyAdd(directionRow[j], _tangentDelta[j], T.MultiplyAdd(row[j], _delta[j], back));
                        tangentBack = T.MultiplyAdd(row[j], _tangentDelta[j], tangentBack);
                    }

                    if (layer > 0)
                    {
                        // a = f(z), ȧ = f′(z) ż: z̄ = f′ ā + f″ ż ǡ, ż̄ = f′ ǡ.
                        var z = _preActivations[layer - 1][i];
                        var derivative = Derivative(z, _activations[layer - 1][i], parameter);
                        var curvature = SecondDerivative(z, _activations[layer - 1][i], parameter);
                        _deltaBelow[i] = T.MultiplyAdd(curvature * _preActivationTangents[layer - 1][i], tangentBack, derivative * back);
                        _tangentDeltaBelow[i] = derivative * tangentBack;
                    }
                    else
                    {
                        inputBar[(s * fanIn0) + i] += back;
                    }
                }

                (_delta, _deltaBelow) = (_deltaBelow, _delta);
                (_tangentDelta, _tangentDeltaBelow) = (_tangentDeltaBelow, _tangentDelta);
            }
        }
    }

    /// <summary>Tangents of the pre-activations and activations along u, after <see cref="Forward"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void TangentForward(ReadOnlySpan<T> p, ReadOnlySpan<T> u, ReadOnlySpan<float> x, T parameter)
    {
        var layers = _sizes.Length - 1;
        for (var layer = 0; layer < layers; layer++)
        {
            var (fanIn, fanOut) = (_sizes[layer], _sizes[layer + 1]);
            var w = p.Slice(_weights[layer], fanIn * fanOut);
            var uw = u.Slice(_weights[layer], fanIn * fanOut);
            var zDot = _preActivationTangents[layer];
            u.Slice(_biases[layer], fanOut).CopyTo(zDot);
            for (var i = 0; i < fanIn; i++)
            {
                var input = layer == 0 ? T.Create(x[i]) : _activations[layer - 1][i];
                var inputTangent = layer == 0 ? T.Zero : _activationTangents[layer - 1][i];
                var row = w.Slice(i * fanOut, fanOut);
                var directionRow = uw.Slice(i * fanOut, fanOut);
                for (var j = 0; j < fanOut; j++)
                {
                    zDot[j] = T.MultiplyAdd(inputTangent, row[j], T.MultiplyAdd(input, directionRow[j], zDot[j]));
                }
            }

            if (layer + 1 < layers)
            {
                var z = _preActivations[layer];
                var a = _activations[layer];
                var aDot = _activationTangents[layer];
                for (var j = 0; j < fanOut; j++)
                {
                    aDot[j] = Derivative(z[j], a[j], parameter) * zDot[j];
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<T> p, ReadOnlySpan<float> x, T parameter)
    {
        var layers = _sizes.Length - 1;
        for (var layer = 0; layer < layers; layer++)
        {
            var (fanIn, fanOut) = (_sizes[layer], _sizes[layer + 1]);
            var w = p.Slice(_weights[layer], fanIn * fanOut);
            var z = _preActivations[layer];
            p.Slice(_biases[layer], fanOut).CopyTo(z);
            for (var i = 0; i < fanIn; i++)
            {
                var input = layer == 0 ? T.Create(x[i]) : _activations[layer - 1][i];
                var row = w.Slice(i * fanOut, fanOut);
                for (var j = 0; j < fanOut; j++)
                {
                    z[j] = T.MultiplyAdd(input, row[j], z[j]);
                }
            }

            if (layer + 1 < layers)
            {
                var a = _activations[layer];
                for (var j = 0; j < fanOut; j++)
                {
                    a[j] = Activate(z[j], parameter);
                }
            }
        }
    }

    /// <summary>
    /// Adds this sample's gradient; <see cref="_delta"/> holds d loss / d logits. With
    /// <paramref name="inputGradient"/> (the sample's slice) also adds the gradient with respect to the inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<T> p, Span<T> g, ReadOnlySpan<float> x, T parameter, Span<T> inputGradient)
    {
        for (var layer = _sizes.Length - 2; layer >= 0; layer--)
        {
            var (fanIn, fanOut) = (_sizes[layer], _sizes[layer + 1]);
            var w = p.Slice(_weights[layer], fanIn * fanOut);
            var gw = g.Slice(_weights[layer], fanIn * fanOut);
            var gb = g.Slice(_biases[layer], fanOut);
            for (var j = 0; j < fanOut; j++)
            {
                gb[j] += _delta[j];
            }

            for (var i = 0; i < fanIn; i++)
            {
                var input = layer == 0 ? T.Create(x[i]) : _activations[layer - 1][i];
                var row = w.Slice(i * fanOut, fanOut);
                var gradientRow = gw.Slice(i * fanOut, fanOut);
                var back = T.Zero;
                for (var j = 0; j < fanOut; j++)
                {
                    gradientRow[j] = T.MultiplyAdd(input, _delta[j], gradientRow[j]);
                    back = T.MultiplyAdd(row[j], _delta[j], back);
                }

                if (layer > 0)
                {
                    _deltaBelow[i] = back * Derivative(_preActivations[layer - 1][i], _activations[layer - 1][i], parameter);
                }
                else if (!inputGradient.IsEmpty)
                {
                    inputGradient[i] += back;
                }
            }

            (_delta, _deltaBelow) = (_deltaBelow, _delta);
        }
    }

    private T LaneValues(int first)
    {
        Span<float> lanes = stackalloc float[T.Count];
        for (var l = 0; l < lanes.Length; l++)
        {
            // Lanes past the last network are padding: any harmless parameter.
            lanes[l] = first + l < _values.Length ? _values[first + l] : 1f;
        }

        return T.Create(lanes);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Activate(T z, T parameter) => _expressions is not null ? Lanewise(z, 0) : _family switch
    {
        ActivationFamily.SigmoidSlope => LanesMath.Sigmoid(z * parameter),
        ActivationFamily.SwishBeta => z * LanesMath.Sigmoid(z * parameter),
        ActivationFamily.LeakyReluSlope => T.WherePositive(z, z, z * parameter),
        _ => throw new InvalidOperationException($"no block kernel for {_family}"),
    };

    /// <summary>f′(z) given z, f(z) and the parameter, as <see cref="ActivationFunctions.Derivative"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Derivative(T z, T value, T parameter)
    {
        if (_expressions is not null)
        {
            return Lanewise(z, 1);
        }

        switch (_family)
        {
            case ActivationFamily.SigmoidSlope:
                return value * (T.One - value) * parameter;
            case ActivationFamily.SwishBeta:
                var bz = z * parameter;
                var s = LanesMath.Sigmoid(bz);
                return s * (T.One + (bz * (T.One - s)));
            case ActivationFamily.LeakyReluSlope:
                return T.WherePositive(z, T.One, parameter);
            default:
                throw new InvalidOperationException($"no block kernel for {_family}");
        }
    }

    /// <summary>f″(z) given z, f(z) and the parameter.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T SecondDerivative(T z, T value, T parameter)
    {
        if (_expressions is not null)
        {
            return Lanewise(z, 2);
        }

        switch (_family)
        {
            case ActivationFamily.SigmoidSlope:
                // f = σ(cz): f″ = c² σ(1 − σ)(1 − 2σ).
                return parameter * parameter * value * (T.One - value) * (T.One - value - value);
            case ActivationFamily.SwishBeta:
                // f = z σ(βz): f″ = β σ(1 − σ)(2 + βz(1 − 2σ)).
                var bz = z * parameter;
                var s = LanesMath.Sigmoid(bz);
                return parameter * s * (T.One - s) * T.MultiplyAdd(bz, T.One - s - s, T.Create(2f));
            case ActivationFamily.LeakyReluSlope:
                return T.Zero;
            default:
                throw new InvalidOperationException($"no block kernel for {_family}");
        }
    }

    /// <summary>
    /// f, f′ or f″ (<paramref name="order"/> 0, 1, 2) of each lane's composed function: lane by lane
    /// in double precision, since every lane holds a different function. Lanes past the last network
    /// are padding and get the identity.
    /// </summary>
    private T Lanewise(T z, int order)
    {
        Span<float> lanes = stackalloc float[T.Count];
        z.CopyTo(lanes);
        var expressions = _expressions!;
        for (var l = 0; l < lanes.Length; l++)
        {
            var network = _first + l;
            if (network >= expressions.Length)
            {
                lanes[l] = order switch { 0 => lanes[l], 1 => 1f, _ => 0f };
                continue;
            }

            var jet = expressions[network].ValueWithDerivatives(lanes[l]);
            lanes[l] = (float)(order switch { 0 => jet.Value, 1 => jet.First, _ => jet.Second });
        }

        return T.Create(lanes);
    }
}
