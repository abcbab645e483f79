using PetriDish.Abstractions;

namespace PetriDish.TestPlugins;

public sealed class SequentialOptimizer(ISearchSpace searchSpace, SequentialOptimizerSettings settings) : IOptimizer
{
    private double _next = searchSpace.Axis!.Minimum;

    public Task<IReadOnlyList<IMotif>> ProposeAsync(int count, IOptimizerContext context, CancellationToken cancellationToken)
    {
        var axis = searchSpace.Axis!;
        var proposals = new List<IMotif>(settings.Inject.Select(key => new RawMotif(key)));
        while (proposals.Count < count && _next <= axis.Maximum)
        {
            var motif = axis.At(_next);
            _next += settings.Step;
            if (!context.IsKnown(motif.Key))
            {
                proposals.Add(motif);
            }
        }

        return Task.FromResult<IReadOnlyList<IMotif>>(proposals);
    }

    private sealed record RawMotif(string Key) : IMotif;

    public void Observe(IReadOnlyList<Observation> observations)
    {
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(_next);
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        _next = reader.ReadDouble();
    }

    /// <summary>Nothing to release: this component holds no tensors or native resources.</summary>
    public void Dispose()
    {
    }
}
