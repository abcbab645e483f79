using PetriDish.Abstractions;

namespace PetriDish.TestPlugins;

public sealed class NearestNeighbourSurrogate(ISearchSpace searchSpace) : ISurrogate
{
    private List<(double[] Encoding, double Score)> _memory = [];

    public int MinimumObservations => 1;

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        _memory = [.. observations.Select(o => (searchSpace.Encode(o.Motif).ToArray(), o.Score))];
        return SurrogateFitReport.Empty;
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken) =>
        [.. motifs.Select(m => searchSpace.Encode(m).ToArray()).Select(e => _memory.MinBy(o => Distance(o.Encoding, e)).Score)];

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(_memory.Count);
        foreach (var (encoding, score) in _memory)
        {
            writer.Write(encoding.Length);
            Array.ForEach(encoding, writer.Write);
            writer.Write(score);
        }
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var count = reader.ReadInt32();
        _memory = [.. Enumerable.Range(0, count).Select(_ => (Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadDouble()).ToArray(), reader.ReadDouble()))];
    }

    private static double Distance(double[] a, double[] b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Sum();

    /// <summary>Nothing to release: this component holds no tensors or native resources.</summary>
    public void Dispose()
    {
    }
}
