using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;

/// <summary>
/// Keeps a motif-network's parameters as one flat <c>[N, P]</c> tensor and hands out views of the
/// factory's shapes. The inner optimizer then updates one tensor per step instead of one per layer:
/// the unrolled graph is several times smaller, and so is the time to build and differentiate it.
/// </summary>
internal sealed class FlatParameters
{
    private readonly long[][] _shapes;
    private readonly long[] _sizes;

    public FlatParameters(IReadOnlyList<long[]> shapes)
    {
        _shapes = [.. shapes];
        _sizes = [.. _shapes.Select(s => s.Aggregate(1L, (a, b) => a * b))];
        Size = _sizes.Sum();
    }

    /// <summary>P: parameters per motif-network.</summary>
    public long Size { get; }

    /// <summary>One network's parameters as a flat <c>[P]</c> tensor.</summary>
    public static Tensor Flatten(IReadOnlyList<Tensor> parameters) => cat([.. parameters.Select(p => p.reshape(-1))], 0);

    /// <summary>Per-network tensors in the factory's shapes, each <c>[N, …]</c>, as one flat <c>[N, P]</c> tensor.</summary>
    public Tensor Flatten(IReadOnlyList<Tensor> parameters, long n) => cat([.. parameters.Select(p => p.reshape(n, -1))], 1);

    /// <summary>Views of <paramref name="flat"/> (<c>[N, P]</c>) in the factory's shapes, each <c>[N, …]</c>.</summary>
    public List<Tensor> Unflatten(Tensor flat)
    {
        var n = flat.shape[0];
        var pieces = flat.split(_sizes, 1);
        var views = new List<Tensor>(_shapes.Length);
        for (var i = 0; i < _shapes.Length; i++)
        {
            views.Add(pieces[i].view([n, .. _shapes[i]]));
        }

        return views;
    }
}
