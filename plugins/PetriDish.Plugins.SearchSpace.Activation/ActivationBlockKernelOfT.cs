using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PetriDish.Kernels;

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
    private readonly int[] _weights;
    private readonly int[] _biases;
    private readonly T[][] _preActivations;
    private readonly T[][] _activations;
    private T[] _delta;
    private T[] _deltaBelow;

    public ActivationBlockKernel(ActivationFamily family, IReadOnlyList<long> sizes, float[] values)
    {
        _family = family;
        _sizes = [.. sizes.Select(s => (int)s)];
        _values = values;
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
        _delta = new T[_sizes.Max()];
        _deltaBelow = new T[_sizes.Max()];
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses)
    {
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
                Backward(p, g, x, parameter);
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

    /// <summary>Adds this sample's gradient; <see cref="_delta"/> holds d loss / d logits (unscaled).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<T> p, Span<T> g, ReadOnlySpan<float> x, T parameter)
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
    private T Activate(T z, T parameter) => _family switch
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
}
