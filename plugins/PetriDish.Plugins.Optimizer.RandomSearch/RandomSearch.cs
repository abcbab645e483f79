using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Optimizer.RandomSearch;

/// <summary>Proposes fresh uniform samples; learns nothing from results (it is the baseline).</summary>
public sealed class RandomSearch(ISearchSpace space, int seed) : IOptimizer
{
    private readonly DeterministicRandom _random = new(seed);

    public Task<IReadOnlyList<IMotif>> ProposeAsync(int count, IOptimizerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Task.FromResult(MotifSampler.SampleDistinct(space, _random, count, context.IsKnown));
    }

    public void Observe(IReadOnlyList<Observation> observations)
    {
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        _random.Save(writer);
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        _random.Load(reader);
    }

    /// <summary>Nothing to release: this component holds no tensors or native resources.</summary>
    public void Dispose()
    {
    }
}
