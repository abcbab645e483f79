using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// A composed function per network. On tensors each operator runs once, on the networks that use it
/// (selected along the network dimension and copied back), so that an operator never sees another
/// network's values: an exp that overflows where no network uses it cannot leak ∞·0 = NaN into the
/// gradient, as masking all operators' results would.
/// </summary>
internal sealed class ExpressionActivations : NetworkActivations
{
    private readonly ExpressionMotif[] _motifs;
    private readonly (UnaryOperator Op, Tensor Networks)[] _first;
    private readonly (UnaryOperator Op, Tensor Networks)[] _second;
    private readonly (BinaryOperator Op, Tensor Networks)[] _binary;

    public ExpressionActivations(IReadOnlyList<ExpressionMotif> motifs, Device device)
    {
        _motifs = [.. motifs];
        _first = Groups(m => m.First, device);
        _second = Groups(m => m.Second, device);
        _binary = Groups(m => m.Binary, device);
    }

    public override int Count => _motifs.Length;

    public override Tensor Apply(Tensor z, int networkDimension)
    {
        if (_binary.Length == 1 && _first.Length == 1 && _second.Length == 1)
        {
            return _motifs[0].Apply(z);
        }

        using var first = Unary(_first, z, networkDimension);
        using var second = Unary(_second, z, networkDimension);
        return PerGroup(_binary, z, networkDimension, (op, networks) =>
        {
            using var a = first.index_select(networkDimension, networks);
            using var b = second.index_select(networkDimension, networks);
            return ExpressionOperators.Apply(op, a, b);
        });
    }

    /// <summary>f′ by autograd on a detached copy of z: this serves only the hand-written inner gradient (no meta-gradient through it).</summary>
    public override Tensor Derivative(Tensor z, Tensor value, int networkDimension)
    {
        using var enabled = enable_grad();
        using var input = z.detach().requires_grad_();
        using var output = Apply(input, networkDimension);
        if (!output.requires_grad)
        {
            // Every network's function is constant (autograd would refuse a graph without inputs).
            return zeros_like(z);
        }

        using var sum = output.sum();
        return autograd.grad([sum], [input])[0];
    }

    public override ActivationBlockKernel CreateKernel(IReadOnlyList<long> sizes) => ActivationBlockKernel.Create(sizes, _motifs);

    public override void Dispose()
    {
        foreach (var (_, networks) in _first.Concat(_second))
        {
            networks.Dispose();
        }

        foreach (var (_, networks) in _binary)
        {
            networks.Dispose();
        }
    }

    private static Tensor Unary((UnaryOperator Op, Tensor Networks)[] groups, Tensor z, int networkDimension) =>
        groups.Length == 1
            ? ExpressionOperators.Apply(groups[0].Op, z)
            : PerGroup(groups, z, networkDimension, (op, networks) =>
            {
                using var selected = z.index_select(networkDimension, networks);
                return ExpressionOperators.Apply(op, selected);
            });

    /// <summary>A tensor shaped like <paramref name="like"/> whose networks of each group hold what <paramref name="compute"/> gives for them.</summary>
    private static Tensor PerGroup<TOp>((TOp Op, Tensor Networks)[] groups, Tensor like, int networkDimension, Func<TOp, Tensor, Tensor> compute)
    {
        var result = zeros_like(like);
        foreach (var (op, networks) in groups)
        {
            using var value = compute(op, networks);
            var next = result.index_copy(networkDimension, networks, value);
            result.Dispose();
            result = next;
        }

        return result;
    }

    private (TOp Op, Tensor Networks)[] Groups<TOp>(Func<ExpressionMotif, TOp> select, Device device)
        where TOp : struct, Enum =>
        [.. _motifs.Select((m, i) => (Op: select(m), Index: (long)i))
            .GroupBy(p => p.Op)
            .OrderBy(g => g.Key)
            .Select(g => (g.Key, tensor(g.Select(p => p.Index).ToArray(), dtype: ScalarType.Int64, device: device)))];
}
