using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PetriDish.Kernels;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// The cell motif-network's loss and gradient for a block of cells, one per vector lane of
/// <typeparamref name="T"/>, in managed code (see <see cref="PetriDish.Abstractions.IMotifNetworkBlockGradient"/>):
/// <see cref="CellStep"/> unrolled over the time steps, then backpropagation through time, sample by
/// sample. Each lane has its own wiring: a node's input state and activation are picked per lane with
/// selects (every activation a block uses is computed, the lane's own kept), never multiplied by a
/// 0/1 mask, so that an overflowing state in one slot cannot turn another lane's pick into NaN.
/// </summary>
/// <remarks>Not thread-safe: the scratch vectors belong to the instance.</remarks>
internal sealed class CellBlockKernel<T> : CellBlockKernel
    where T : struct, ILanes<T>
{
    private readonly IReadOnlyList<NaoCell> _cells;
    private readonly int _inputs;
    private readonly int _width;
    private readonly int _nodes;
    private readonly int _time;
    private readonly int _outputs;
    private readonly int _nodeWeights;
    private readonly int _readout;
    private readonly int _bias;

    // Per sample, for backpropagation through time: [t][state][k] flattened.
    private readonly T[] _hidden;
    private readonly T[] _states;
    private readonly T[] _gates;
    private readonly T[] _activated;
    private readonly T[] _dStates;
    private readonly T[] _projected;
    private readonly T[] _dh;
    private readonly T[] _picked;
    private readonly T[] _logits;
    private readonly T[] _dPrevious;
    private LaneWiring? _wiring;
    private int _wiringFirst;

    public CellBlockKernel(IReadOnlyList<NaoCell> cells, int inputs, int width, int time, int outputs)
    {
        _cells = cells;
        (_inputs, _width, _nodes, _time, _outputs) = (inputs, width, cells[0].Nodes, time, outputs);
        _nodeWeights = (inputs + width) * 2 * width;
        _readout = _nodeWeights + (_nodes * width * 2 * width);
        _bias = _readout + (width * outputs);
        _hidden = new T[(time + 1) * width];
        _states = new T[time * (_nodes + 1) * width];
        _gates = new T[time * (_nodes + 1) * width];
        _activated = new T[time * (_nodes + 1) * width];
        _dStates = new T[(_nodes + 1) * width];
        _projected = new T[2 * width];
        _dh = new T[width];
        _picked = new T[width];
        _logits = new T[outputs];
        _dPrevious = new T[width];
    }

    public override void LossAndGradient(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> losses) =>
        LossAndGradients(first, parameters, inputs, targets, samples, gradient, default, losses);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void LossAndGradients(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> inputGradient, Span<float> losses)
    {
        var p = MemoryMarshal.Cast<float, T>(parameters);
        var g = MemoryMarshal.Cast<float, T>(gradient);
        var dx = MemoryMarshal.Cast<float, T>(inputGradient);
        g.Clear();
        dx.Clear();
        // The inner loop calls block after block, each for all its steps: one block's wiring is cached.
        if (_wiring is null || _wiringFirst != first)
        {
            (_wiring, _wiringFirst) = (new LaneWiring(_cells, first, T.Count), first);
        }

        var wiring = _wiring;
        var loss = T.Zero;
        var sampleSize = _time * _inputs;
        for (var s = 0; s < samples; s++)
        {
            var x = inputs.Slice(s * sampleSize, sampleSize);
            Forward(p, x, wiring);
            var y = targets.Slice(s * _outputs, _outputs);
            for (var o = 0; o < _outputs; o++)
            {
                var z = _logits[o];
                var target = T.Create(y[o]);
                if (!losses.IsEmpty)
                {
                    loss += LanesMath.BinaryCrossEntropyWithLogits(z, target);
                }

                _logits[o] = LanesMath.Sigmoid(z) - target; // from here on: d loss / d logits (unscaled)
            }

            if (!gradient.IsEmpty)
            {
                Backward(p, g, x, wiring, dx.IsEmpty ? default : dx.Slice(s * sampleSize, sampleSize));
            }
        }

        var scale = T.Create(1f / (samples * _outputs));
        for (var i = 0; i < g.Length; i++)
        {
            g[i] *= scale;
        }

        for (var i = 0; i < dx.Length; i++)
        {
            dx[i] *= scale;
        }

        if (!losses.IsEmpty)
        {
            (loss * scale).CopyTo(losses);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<T> p, ReadOnlySpan<float> x, LaneWiring wiring)
    {
        var (h, nodes, stride) = (_width, _nodes, (_nodes + 1) * _width);
        _hidden.AsSpan(0, h).Clear();
        for (var t = 0; t < _time; t++)
        {
            var hidden = _hidden.AsSpan(t * h, h);
            var states = _states.AsSpan(t * stride, stride);
            var gates = _gates.AsSpan(t * stride, stride);
            var activated = _activated.AsSpan(t * stride, stride);

            // [c₀, g₀] = [x, h]·W₀; s₀ = h + σ(c₀)·(tanh(g₀) − h).
            var projected = _projected.AsSpan();
            projected.Clear();
            var xt = x.Slice(t * _inputs, _inputs);
            for (var k = 0; k < _inputs; k++)
            {
                var input = T.Create(xt[k]);
                var row = p.Slice(k * 2 * h, 2 * h);
                for (var m = 0; m < 2 * h; m++)
                {
                    projected[m] += input * row[m];
                }
            }

            for (var k = 0; k < h; k++)
            {
                var row = p.Slice((_inputs + k) * 2 * h, 2 * h);
                for (var m = 0; m < 2 * h; m++)
                {
                    projected[m] += hidden[k] * row[m];
                }
            }

            for (var k = 0; k < h; k++)
            {
                var gate = LanesMath.Sigmoid(projected[k]);
                var candidate = LanesMath.Tanh(projected[h + k]);
                gates[k] = gate;
                activated[k] = candidate;
                states[k] = hidden[k] + (gate * (candidate - hidden[k]));
            }

            // Node i reads state inputs[i] (per lane): [c, g] = s·Wᵢ; sᵢ = s + σ(c)·(actᵢ(g) − s).
            for (var i = 0; i < nodes; i++)
            {
                var weights = p.Slice(_nodeWeights + (i * h * 2 * h), h * 2 * h);
                var previous = _picked.AsSpan();
                Pick(states, i, wiring, previous);
                projected.Clear();
                for (var k = 0; k < h; k++)
                {
                    var row = weights.Slice(k * 2 * h, 2 * h);
                    for (var m = 0; m < 2 * h; m++)
                    {
                        projected[m] += previous[k] * row[m];
                    }
                }

                var at = ((i + 1) * h);
                for (var k = 0; k < h; k++)
                {
                    var gate = LanesMath.Sigmoid(projected[k]);
                    var value = Activate(projected[h + k], i, wiring);
                    gates[at + k] = gate;
                    activated[at + k] = value;
                    states[at + k] = previous[k] + (gate * (value - previous[k]));
                }
            }

            // The new hidden state: the mean of nodes 1…K.
            var next = _hidden.AsSpan((t + 1) * h, h);
            var inverse = T.Create(1f / nodes);
            for (var k = 0; k < h; k++)
            {
                var sum = T.Zero;
                for (var i = 1; i <= nodes; i++)
                {
                    sum += states[(i * h) + k];
                }

                next[k] = sum * inverse;
            }
        }

        // Read-out of the last hidden state.
        var last = _hidden.AsSpan(_time * h, h);
        for (var o = 0; o < _outputs; o++)
        {
            var z = p[_bias + o];
            for (var k = 0; k < h; k++)
            {
                z += last[k] * p[_readout + (k * _outputs) + o];
            }

            _logits[o] = z;
        }
    }

    /// <summary>
    /// Adds this sample's gradient; <see cref="_logits"/> holds d loss / d logits (unscaled). With
    /// <paramref name="inputGradient"/> (the sample's slice) also adds the gradient with respect to the inputs.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<T> p, Span<T> g, ReadOnlySpan<float> x, LaneWiring wiring, Span<T> inputGradient)
    {
        var (h, nodes, stride) = (_width, _nodes, (_nodes + 1) * _width);
        var last = _hidden.AsSpan(_time * h, h);
        var dh = _dh.AsSpan();
        for (var k = 0; k < h; k++)
        {
            var back = T.Zero;
            for (var o = 0; o < _outputs; o++)
            {
                g[_readout + (k * _outputs) + o] += last[k] * _logits[o];
                back += p[_readout + (k * _outputs) + o] * _logits[o];
            }

            dh[k] = back;
        }

        for (var o = 0; o < _outputs; o++)
        {
            g[_bias + o] += _logits[o];
        }

        var inverse = T.Create(1f / nodes);
        var dProjected = _projected.AsSpan();
        var previous = _picked.AsSpan();
        var dPrevious = _dPrevious.AsSpan();
        for (var t = _time - 1; t >= 0; t--)
        {
            var hidden = _hidden.AsSpan(t * h, h);
            var states = _states.AsSpan(t * stride, stride);
            var gates = _gates.AsSpan(t * stride, stride);
            var activated = _activated.AsSpan(t * stride, stride);
            var dStates = _dStates.AsSpan();
            dStates.Slice(0, h).Clear();
            for (var i = 1; i <= nodes; i++)
            {
                for (var k = 0; k < h; k++)
                {
                    dStates[(i * h) + k] = dh[k] * inverse;
                }
            }

            for (var i = nodes - 1; i >= 0; i--)
            {
                var at = (i + 1) * h;
                Pick(states, i, wiring, previous);
                for (var k = 0; k < h; k++)
                {
                    var ds = dStates[at + k];
                    var gate = gates[at + k];
                    var value = activated[at + k];
                    dPrevious[k] = ds * (T.One - gate);
                    dProjected[k] = ds * (value - previous[k]) * gate * (T.One - gate);
                    dProjected[h + k] = ds * gate * Derivative(value, i, wiring);
                }

                var weights = p.Slice(_nodeWeights + (i * h * 2 * h), h * 2 * h);
                var dWeights = g.Slice(_nodeWeights + (i * h * 2 * h), h * 2 * h);
                for (var k = 0; k < h; k++)
                {
                    var row = weights.Slice(k * 2 * h, 2 * h);
                    var dRow = dWeights.Slice(k * 2 * h, 2 * h);
                    var back = dPrevious[k];
                    for (var m = 0; m < 2 * h; m++)
                    {
                        dRow[m] += previous[k] * dProjected[m];
                        back += row[m] * dProjected[m];
                    }

                    dPrevious[k] = back;
                }

                Scatter(dStates, i, wiring, dPrevious);
            }

            // s₀ = h + σ(c₀)·(tanh(g₀) − h), [c₀, g₀] = [x, h]·W₀.
            for (var k = 0; k < h; k++)
            {
                var ds = dStates[k];
                var gate = gates[k];
                var candidate = activated[k];
                dh[k] = ds * (T.One - gate);
                dProjected[k] = ds * (candidate - hidden[k]) * gate * (T.One - gate);
                dProjected[h + k] = ds * gate * (T.One - (candidate * candidate));
            }

            var xt = x.Slice(t * _inputs, _inputs);
            for (var k = 0; k < _inputs; k++)
            {
                var input = T.Create(xt[k]);
                var dRow = g.Slice(k * 2 * h, 2 * h);
                for (var m = 0; m < 2 * h; m++)
                {
                    dRow[m] += input * dProjected[m];
                }

                if (!inputGradient.IsEmpty)
                {
                    var row = p.Slice(k * 2 * h, 2 * h);
                    var back = T.Zero;
                    for (var m = 0; m < 2 * h; m++)
                    {
                        back += row[m] * dProjected[m];
                    }

                    inputGradient[(t * _inputs) + k] += back;
                }
            }

            for (var k = 0; k < h; k++)
            {
                var row = p.Slice((_inputs + k) * 2 * h, 2 * h);
                var dRow = g.Slice((_inputs + k) * 2 * h, 2 * h);
                var back = dh[k];
                for (var m = 0; m < 2 * h; m++)
                {
                    dRow[m] += hidden[k] * dProjected[m];
                    back += row[m] * dProjected[m];
                }

                dh[k] = back;
            }
        }
    }

    /// <summary>Each lane's input state of node <paramref name="node"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Pick(ReadOnlySpan<T> states, int node, LaneWiring wiring, Span<T> previous)
    {
        var h = _width;
        states.Slice(0, h).CopyTo(previous);
        for (var j = 1; j <= node; j++)
        {
            if (!wiring.AnyInput(node, j))
            {
                continue;
            }

            var mask = wiring.Input(node, j);
            for (var k = 0; k < h; k++)
            {
                previous[k] = T.WherePositive(mask, states[(j * h) + k], previous[k]);
            }
        }
    }

    /// <summary>Adds each lane's gradient to the state its node read.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Scatter(Span<T> dStates, int node, LaneWiring wiring, ReadOnlySpan<T> dPrevious)
    {
        var h = _width;
        for (var j = 0; j <= node; j++)
        {
            if (!wiring.AnyInput(node, j))
            {
                continue;
            }

            var mask = wiring.Input(node, j);
            for (var k = 0; k < h; k++)
            {
                dStates[(j * h) + k] += T.WherePositive(mask, dPrevious[k], T.Zero);
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Activate(T x, int node, LaneWiring wiring)
    {
        var result = x; // identity, where no other applies
        var tanh = wiring.AnyActivation(node, CellActivation.Tanh);
        var sigmoid = wiring.AnyActivation(node, CellActivation.Sigmoid);
        if (tanh || sigmoid)
        {
            // One exponential for both, e = e^−|x| ≤ 1 (nothing overflows, see LanesMath.Sigmoid):
            // σ(|x|) = 1/(1 + e), tanh(|x|) = (1 − e²)/(1 + e²), then mirrored for x ≤ 0.
            var e = LanesMath.Exp(-T.Abs(x));
            if (tanh)
            {
                var square = e * e;
                var magnitude = (T.One - square) / (T.One + square);
                result = T.WherePositive(wiring.Activation(node, CellActivation.Tanh), T.WherePositive(x, magnitude, -magnitude), result);
            }

            if (sigmoid)
            {
                var positive = T.One / (T.One + e);
                result = T.WherePositive(wiring.Activation(node, CellActivation.Sigmoid), T.WherePositive(x, positive, e * positive), result);
            }
        }

        if (wiring.AnyActivation(node, CellActivation.Relu))
        {
            result = T.WherePositive(wiring.Activation(node, CellActivation.Relu), T.Max(x, T.Zero), result);
        }

        return result;
    }

    /// <summary>The activation's derivative from its value: 1 − a² (tanh), a(1 − a) (σ), a &gt; 0 (ReLU), 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T Derivative(T value, int node, LaneWiring wiring)
    {
        var result = T.One;
        if (wiring.AnyActivation(node, CellActivation.Tanh))
        {
            result = T.WherePositive(wiring.Activation(node, CellActivation.Tanh), T.One - (value * value), result);
        }

        if (wiring.AnyActivation(node, CellActivation.Relu))
        {
            result = T.WherePositive(wiring.Activation(node, CellActivation.Relu), T.WherePositive(value, T.One, T.Zero), result);
        }

        if (wiring.AnyActivation(node, CellActivation.Sigmoid))
        {
            result = T.WherePositive(wiring.Activation(node, CellActivation.Sigmoid), value * (T.One - value), result);
        }

        return result;
    }


    /// <summary>A block's wiring as lane masks (1 where it applies, else 0): which lanes' node reads state j, which use activation a.</summary>
    private sealed class LaneWiring
    {
        private readonly T[][] _inputs;
        private readonly bool[][] _anyInput;
        private readonly T[][] _activations;
        private readonly bool[][] _anyActivation;

        public LaneWiring(IReadOnlyList<NaoCell> cells, int first, int lanes)
        {
            var nodes = cells[0].Nodes;
            _inputs = new T[nodes][];
            _anyInput = new bool[nodes][];
            _activations = new T[nodes][];
            _anyActivation = new bool[nodes][];
            Span<float> lane = stackalloc float[lanes];
            for (var node = 0; node < nodes; node++)
            {
                _inputs[node] = new T[node + 1];
                _anyInput[node] = new bool[node + 1];
                for (var j = 0; j <= node; j++)
                {
                    for (var l = 0; l < lanes; l++)
                    {
                        // Padding lanes (past the last cell) read state 0 with the identity.
                        var input = first + l < cells.Count ? cells[first + l].Inputs[node] : 0;
                        lane[l] = input == j ? 1 : 0;
                    }

                    _inputs[node][j] = T.Create(lane);
                    _anyInput[node][j] = lane.Contains(1f);
                }

                _activations[node] = new T[4];
                _anyActivation[node] = new bool[4];
                for (var a = 0; a < 4; a++)
                {
                    for (var l = 0; l < lanes; l++)
                    {
                        var activation = first + l < cells.Count ? cells[first + l].Activations[node] : CellActivation.Identity;
                        lane[l] = (int)activation == a ? 1 : 0;
                    }

                    _activations[node][a] = T.Create(lane);
                    _anyActivation[node][a] = lane.Contains(1f);
                }
            }
        }

        public T Input(int node, int state) => _inputs[node][state];

        public bool AnyInput(int node, int state) => _anyInput[node][state];

        public T Activation(int node, CellActivation activation) => _activations[node][(int)activation];

        public bool AnyActivation(int node, CellActivation activation) => _anyActivation[node][(int)activation];
    }
}
