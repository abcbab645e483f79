using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PetriDish.Kernels;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>
/// The conv-cell motif-network (<see cref="ConvCellNetwork"/>) for a block of cells, one per vector lane
/// of <typeparamref name="T"/>, in managed code: the forward pass over all samples at once (batch norm
/// couples them), then its reverse. Each edge computes every operation some lane of the block uses and
/// each lane keeps its own by a select, never a 0/1 product, so one lane's overflow cannot reach another.
/// </summary>
/// <remarks>
/// Activations are <c>[samples, channels, pixels]</c>, row-major. Parameters (per lane) are θ_init's
/// flattened in order: 1×1 weights <c>[6, C, C]</c>, 3×3 weights <c>[6, C, C, 3, 3]</c>, read-out
/// <c>[C, out]</c>, its bias <c>[out]</c>. Not thread-safe: the scratch arrays belong to the instance.
/// </remarks>
internal sealed class ConvCellBlockKernel<T> : ConvCellBlockKernel
    where T : struct, ILanes<T>
{
    private const float Epsilon = 1e-5f; // the batch norm's, as in the libtorch program
    private const int OpCount = 5;
    private readonly IReadOnlyList<Nb201Cell> _cells;
    private readonly int _channels;
    private readonly int _size;
    private readonly int _pixels;
    private readonly int _outputs;
    private readonly int _conv3;
    private readonly int _readout;
    private readonly int _bias;
    private readonly int[][] _window; // per pixel, the pixels of its 3×3 neighbourhood inside the image
    private readonly float[] _windowInverse; // per pixel, 1 / the neighbourhood's size (padding not counted)
    private readonly T[] _masks = new T[Nb201Cell.EdgeCount * OpCount];
    private readonly bool[] _used = new bool[Nb201Cell.EdgeCount * OpCount];
    private int _masksFirst = -1;
    private int _samples = -1;
    private T[][] _nodes = [];
    private T[][] _dNodes = [];
    private T[][] _normalized = []; // per edge: 1×1 then 3×3
    private T[] _inverseStd = [];
    private T[] _relu = [];
    private T[] _pool = [];
    private T[] _dz = [];
    private T[] _dRelu = [];
    private T[] _pooled = [];
    private T[] _dLogits = [];

    public ConvCellBlockKernel(IReadOnlyList<Nb201Cell> cells, int channels, int size, int outputs)
    {
        (_cells, _channels, _size, _pixels, _outputs) = (cells, channels, size, size * size, outputs);
        _conv3 = Nb201Cell.EdgeCount * channels * channels;
        _readout = _conv3 + (Nb201Cell.EdgeCount * channels * channels * 9);
        _bias = _readout + (channels * outputs);
        _window = new int[_pixels][];
        _windowInverse = new float[_pixels];
        for (var h = 0; h < size; h++)
        {
            for (var w = 0; w < size; w++)
            {
                var window = new List<int>();
                for (var dh = -1; dh <= 1; dh++)
                {
                    for (var dw = -1; dw <= 1; dw++)
                    {
                        if (h + dh >= 0 && h + dh < size && w + dw >= 0 && w + dw < size)
                        {
                            window.Add(((h + dh) * size) + w + dw);
                        }
                    }
                }

                _window[(h * size) + w] = [.. window];
                _windowInverse[(h * size) + w] = 1f / window.Count;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public override void LossAndGradients(int first, ReadOnlySpan<float> parameters, ReadOnlySpan<float> inputs, ReadOnlySpan<float> targets, int samples, Span<float> gradient, Span<float> inputGradient, Span<float> losses)
    {
        var p = MemoryMarshal.Cast<float, T>(parameters);
        var g = MemoryMarshal.Cast<float, T>(gradient);
        var dx = MemoryMarshal.Cast<float, T>(inputGradient);
        Prepare(first, samples);
        Forward(p, inputs, samples);

        // The mean binary cross-entropy over samples and outputs; from here on _dLogits is its gradient.
        var scale = T.Create(1f / (samples * _outputs));
        var loss = T.Zero;
        for (var i = 0; i < samples * _outputs; i++)
        {
            var target = T.Create(targets[i]);
            if (!losses.IsEmpty)
            {
                loss += LanesMath.BinaryCrossEntropyWithLogits(_dLogits[i], target);
            }

            _dLogits[i] = (LanesMath.Sigmoid(_dLogits[i]) - target) * scale;
        }

        if (!losses.IsEmpty)
        {
            (loss * scale).CopyTo(losses);
        }

        if (!gradient.IsEmpty)
        {
            g.Clear();
            Backward(p, g, samples);
            for (var i = 0; i < dx.Length; i++)
            {
                dx[i] = _dNodes[0][i];
            }
        }
    }

    private void Prepare(int first, int samples)
    {
        if (_masksFirst != first)
        {
            var lanes = T.Count;
            var values = new float[lanes];
            Array.Clear(_used);
            for (var e = 0; e < Nb201Cell.EdgeCount; e++)
            {
                for (var op = 0; op < OpCount; op++)
                {
                    for (var l = 0; l < lanes; l++)
                    {
                        // Padding lanes past the last cell have no operation anywhere: they read out zeros.
                        var cell = first + l < _cells.Count ? _cells[first + l] : null;
                        values[l] = cell is not null && (int)cell.Ops[e] == op ? 1 : 0;
                        _used[(e * OpCount) + op] |= values[l] > 0;
                    }

                    _masks[(e * OpCount) + op] = T.Create(values);
                }
            }

            _masksFirst = first;
        }

        if (_samples != samples)
        {
            var size = samples * _channels * _pixels;
            T[] New() => new T[size];
            _nodes = [New(), New(), New(), New()];
            _dNodes = [New(), New(), New(), New()];
            _normalized = [.. Enumerable.Range(0, 2 * Nb201Cell.EdgeCount).Select(_ => New())];
            _inverseStd = new T[2 * Nb201Cell.EdgeCount * _channels];
            (_relu, _pool, _dz, _dRelu) = (New(), New(), New(), New());
            _pooled = new T[samples * _channels];
            _dLogits = new T[samples * _outputs];
            _samples = samples;
        }
    }

    private bool Uses(int edge, CellOp op) => _used[(edge * OpCount) + (int)op];

    private T Mask(int edge, CellOp op) => _masks[(edge * OpCount) + (int)op];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Forward(ReadOnlySpan<T> p, ReadOnlySpan<float> x, int samples)
    {
        var size = samples * _channels * _pixels;
        for (var i = 0; i < size; i++)
        {
            _nodes[0][i] = T.Create(x[i]);
        }

        for (var node = 1; node <= 3; node++)
        {
            _nodes[node].AsSpan().Clear();
        }

        for (var e = 0; e < Nb201Cell.EdgeCount; e++)
        {
            var (to, from) = Nb201Cell.Edges[e];
            var (source, target) = (_nodes[from], _nodes[to]);
            var (conv1, conv3) = (Uses(e, CellOp.Conv1x1), Uses(e, CellOp.Conv3x3));
            if (conv1 || conv3)
            {
                Relu(source, size);
            }

            if (conv1)
            {
                Convolve1x1(p, e, _normalized[2 * e], samples);
                Normalize(_normalized[2 * e], (2 * e) * _channels, samples);
            }

            if (conv3)
            {
                Convolve3x3(p, e, _normalized[(2 * e) + 1], samples);
                Normalize(_normalized[(2 * e) + 1], ((2 * e) + 1) * _channels, samples);
            }

            var pool = Uses(e, CellOp.AvgPool3x3);
            if (pool)
            {
                AveragePool(source, samples);
            }

            var skip = Uses(e, CellOp.SkipConnect);
            for (var i = 0; i < size; i++)
            {
                var value = T.Zero;
                if (skip)
                {
                    value = T.WherePositive(Mask(e, CellOp.SkipConnect), source[i], value);
                }

                if (conv1)
                {
                    value = T.WherePositive(Mask(e, CellOp.Conv1x1), _normalized[2 * e][i], value);
                }

                if (conv3)
                {
                    value = T.WherePositive(Mask(e, CellOp.Conv3x3), _normalized[(2 * e) + 1][i], value);
                }

                if (pool)
                {
                    value = T.WherePositive(Mask(e, CellOp.AvgPool3x3), _pool[i], value);
                }

                target[i] += value;
            }
        }

        // Global average pooling of node 3, then the read-out.
        var inversePixels = T.Create(1f / _pixels);
        for (var sc = 0; sc < samples * _channels; sc++)
        {
            var sum = T.Zero;
            var row = _nodes[3].AsSpan(sc * _pixels, _pixels);
            for (var i = 0; i < _pixels; i++)
            {
                sum += row[i];
            }

            _pooled[sc] = sum * inversePixels;
        }

        for (var s = 0; s < samples; s++)
        {
            for (var o = 0; o < _outputs; o++)
            {
                var z = p[_bias + o];
                for (var c = 0; c < _channels; c++)
                {
                    z = T.MultiplyAdd(_pooled[(s * _channels) + c], p[_readout + (c * _outputs) + o], z);
                }

                _dLogits[(s * _outputs) + o] = z;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<T> p, Span<T> g, int samples)
    {
        var size = samples * _channels * _pixels;
        var inversePixels = T.Create(1f / _pixels);
        for (var s = 0; s < samples; s++)
        {
            for (var c = 0; c < _channels; c++)
            {
                var back = T.Zero;
                for (var o = 0; o < _outputs; o++)
                {
                    var d = _dLogits[(s * _outputs) + o];
                    g[_readout + (c * _outputs) + o] += _pooled[(s * _channels) + c] * d;
                    back = T.MultiplyAdd(p[_readout + (c * _outputs) + o], d, back);
                }

                _dNodes[3].AsSpan(((s * _channels) + c) * _pixels, _pixels).Fill(back * inversePixels);
            }

            for (var o = 0; o < _outputs; o++)
            {
                g[_bias + o] += _dLogits[(s * _outputs) + o];
            }
        }

        for (var node = 0; node < 3; node++)
        {
            _dNodes[node].AsSpan().Clear();
        }

        // Edges in reverse: when an edge leaves node j, every edge into j's successors is done.
        for (var e = Nb201Cell.EdgeCount - 1; e >= 0; e--)
        {
            var (to, from) = Nb201Cell.Edges[e];
            var (source, dOut, dSource) = (_nodes[from], _dNodes[to], _dNodes[from]);
            if (Uses(e, CellOp.SkipConnect))
            {
                var mask = Mask(e, CellOp.SkipConnect);
                for (var i = 0; i < size; i++)
                {
                    dSource[i] += T.WherePositive(mask, dOut[i], T.Zero);
                }
            }

            if (Uses(e, CellOp.AvgPool3x3))
            {
                var mask = Mask(e, CellOp.AvgPool3x3);
                for (var sc = 0; sc < samples * _channels; sc++)
                {
                    var offset = sc * _pixels;
                    for (var i = 0; i < _pixels; i++)
                    {
                        var d = T.WherePositive(mask, dOut[offset + i], T.Zero) * T.Create(_windowInverse[i]);
                        foreach (var q in _window[i])
                        {
                            dSource[offset + q] += d;
                        }
                    }
                }
            }

            var (conv1, conv3) = (Uses(e, CellOp.Conv1x1), Uses(e, CellOp.Conv3x3));
            if (!conv1 && !conv3)
            {
                continue;
            }

            Relu(source, size);
            _dRelu.AsSpan(0, size).Clear();
            if (conv1)
            {
                NormalizeBackward(Mask(e, CellOp.Conv1x1), dOut, _normalized[2 * e], (2 * e) * _channels, samples);
                Convolve1x1Backward(p, g, e, samples);
            }

            if (conv3)
            {
                NormalizeBackward(Mask(e, CellOp.Conv3x3), dOut, _normalized[(2 * e) + 1], ((2 * e) + 1) * _channels, samples);
                Convolve3x3Backward(p, g, e, samples);
            }

            for (var i = 0; i < size; i++)
            {
                dSource[i] += T.WherePositive(source[i], _dRelu[i], T.Zero);
            }
        }
    }

    private void Relu(T[] source, int size)
    {
        for (var i = 0; i < size; i++)
        {
            _relu[i] = T.Max(source[i], T.Zero);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Convolve1x1(ReadOnlySpan<T> p, int e, T[] y, int samples)
    {
        var (c, n) = (_channels, _pixels);
        Array.Clear(y);
        for (var s = 0; s < samples; s++)
        {
            for (var o = 0; o < c; o++)
            {
                var output = y.AsSpan(((s * c) + o) * n, n);
                for (var i = 0; i < c; i++)
                {
                    var w = p[(((e * c) + o) * c) + i];
                    var input = _relu.AsSpan(((s * c) + i) * n, n);
                    for (var k = 0; k < n; k++)
                    {
                        output[k] = T.MultiplyAdd(w, input[k], output[k]);
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Convolve3x3(ReadOnlySpan<T> p, int e, T[] y, int samples)
    {
        var (c, n, size) = (_channels, _pixels, _size);
        Array.Clear(y);
        for (var s = 0; s < samples; s++)
        {
            for (var o = 0; o < c; o++)
            {
                var output = y.AsSpan(((s * c) + o) * n, n);
                for (var i = 0; i < c; i++)
                {
                    var input = _relu.AsSpan(((s * c) + i) * n, n);
                    for (var kh = 0; kh < 3; kh++)
                    {
                        for (var kw = 0; kw < 3; kw++)
                        {
                            var w = p[_conv3 + (((((((e * c) + o) * c) + i) * 3) + kh) * 3) + kw];
                            var (h0, h1) = (Math.Max(0, 1 - kh), Math.Min(size, size + 1 - kh));
                            var (w0, w1) = (Math.Max(0, 1 - kw), Math.Min(size, size + 1 - kw));
                            for (var h = h0; h < h1; h++)
                            {
                                var outRow = output.Slice(h * size, size);
                                var inRow = input.Slice((h + kh - 1) * size, size);
                                for (var col = w0; col < w1; col++)
                                {
                                    outRow[col] = T.MultiplyAdd(w, inRow[col + kw - 1], outRow[col]);
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>Batch norm with the batch's statistics, no affine transform, in place; keeps 1/σ per channel at <paramref name="at"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Normalize(T[] y, int at, int samples)
    {
        var (c, n) = (_channels, _pixels);
        var inverseCount = T.Create(1f / (samples * n));
        for (var o = 0; o < c; o++)
        {
            var sum = T.Zero;
            for (var s = 0; s < samples; s++)
            {
                var row = y.AsSpan(((s * c) + o) * n, n);
                for (var k = 0; k < n; k++)
                {
                    sum += row[k];
                }
            }

            var mean = sum * inverseCount;
            var squares = T.Zero;
            for (var s = 0; s < samples; s++)
            {
                var row = y.AsSpan(((s * c) + o) * n, n);
                for (var k = 0; k < n; k++)
                {
                    var centred = row[k] - mean;
                    squares = T.MultiplyAdd(centred, centred, squares);
                }
            }

            var inverseStd = T.One / T.Sqrt((squares * inverseCount) + T.Create(Epsilon));
            _inverseStd[at + o] = inverseStd;
            for (var s = 0; s < samples; s++)
            {
                var row = y.AsSpan(((s * c) + o) * n, n);
                for (var k = 0; k < n; k++)
                {
                    row[k] = (row[k] - mean) * inverseStd;
                }
            }
        }
    }

    /// <summary>
    /// Into <see cref="_dz"/>: the gradient before the batch norm, for the lanes with this operation
    /// (<paramref name="mask"/>), from the gradient after it: (dz − mean dz − z · mean(dz · z)) / σ.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void NormalizeBackward(T mask, T[] dOut, T[] z, int at, int samples)
    {
        var (c, n) = (_channels, _pixels);
        var inverseCount = T.Create(1f / (samples * n));
        for (var o = 0; o < c; o++)
        {
            var (sum, product) = (T.Zero, T.Zero);
            for (var s = 0; s < samples; s++)
            {
                var offset = ((s * c) + o) * n;
                for (var k = 0; k < n; k++)
                {
                    var d = T.WherePositive(mask, dOut[offset + k], T.Zero);
                    _dz[offset + k] = d;
                    sum += d;
                    product = T.MultiplyAdd(d, z[offset + k], product);
                }
            }

            var (meanD, meanProduct, inverseStd) = (sum * inverseCount, product * inverseCount, _inverseStd[at + o]);
            for (var s = 0; s < samples; s++)
            {
                var offset = ((s * c) + o) * n;
                for (var k = 0; k < n; k++)
                {
                    _dz[offset + k] = (_dz[offset + k] - meanD - (z[offset + k] * meanProduct)) * inverseStd;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Convolve1x1Backward(ReadOnlySpan<T> p, Span<T> g, int e, int samples)
    {
        var (c, n) = (_channels, _pixels);
        for (var s = 0; s < samples; s++)
        {
            for (var o = 0; o < c; o++)
            {
                var dy = _dz.AsSpan(((s * c) + o) * n, n);
                for (var i = 0; i < c; i++)
                {
                    var q = (((e * c) + o) * c) + i;
                    var (w, dw) = (p[q], T.Zero);
                    var input = _relu.AsSpan(((s * c) + i) * n, n);
                    var dInput = _dRelu.AsSpan(((s * c) + i) * n, n);
                    for (var k = 0; k < n; k++)
                    {
                        dw = T.MultiplyAdd(dy[k], input[k], dw);
                        dInput[k] = T.MultiplyAdd(w, dy[k], dInput[k]);
                    }

                    g[q] += dw;
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Convolve3x3Backward(ReadOnlySpan<T> p, Span<T> g, int e, int samples)
    {
        var (c, n, size) = (_channels, _pixels, _size);
        for (var s = 0; s < samples; s++)
        {
            for (var o = 0; o < c; o++)
            {
                var dy = _dz.AsSpan(((s * c) + o) * n, n);
                for (var i = 0; i < c; i++)
                {
                    var input = _relu.AsSpan(((s * c) + i) * n, n);
                    var dInput = _dRelu.AsSpan(((s * c) + i) * n, n);
                    for (var kh = 0; kh < 3; kh++)
                    {
                        for (var kw = 0; kw < 3; kw++)
                        {
                            var q = _conv3 + (((((((e * c) + o) * c) + i) * 3) + kh) * 3) + kw;
                            var (w, dw) = (p[q], T.Zero);
                            var (h0, h1) = (Math.Max(0, 1 - kh), Math.Min(size, size + 1 - kh));
                            var (w0, w1) = (Math.Max(0, 1 - kw), Math.Min(size, size + 1 - kw));
                            for (var h = h0; h < h1; h++)
                            {
                                var dyRow = dy.Slice(h * size, size);
                                var inRow = input.Slice((h + kh - 1) * size, size);
                                var dInRow = dInput.Slice((h + kh - 1) * size, size);
                                for (var col = w0; col < w1; col++)
                                {
                                    dw = T.MultiplyAdd(dyRow[col], inRow[col + kw - 1], dw);
                                    dInRow[col + kw - 1] = T.MultiplyAdd(w, dyRow[col], dInRow[col + kw - 1]);
                                }
                            }

                            g[q] += dw;
                        }
                    }
                }
            }
        }
    }

    private void AveragePool(T[] source, int samples)
    {
        for (var sc = 0; sc < samples * _channels; sc++)
        {
            var offset = sc * _pixels;
            for (var i = 0; i < _pixels; i++)
            {
                var sum = T.Zero;
                foreach (var q in _window[i])
                {
                    sum += source[offset + q];
                }

                _pool[offset + i] = sum * T.Create(_windowInverse[i]);
            }
        }
    }
}
