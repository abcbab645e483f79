using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.LowFidelity;

/// <summary>
/// Nothing to fit: every prediction is a real, shortened training run. Its cost grows with the number
/// of motifs predicted, which is the trade-off the Petri dish is meant to beat.
/// </summary>
public sealed class LowFidelitySurrogate(ISearchSpace space, Fidelity fidelity, int seed) : ISurrogate
{
    public int MinimumObservations => 0;

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken) =>
        SurrogateFitReport.Empty;

    public IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var metric = space.GroundTruth.Metric;
        return [.. motifs.Select(m => metric.ToScore(space.GroundTruth.EvaluateAsync(m, fidelity, seed, null, cancellationToken).GetAwaiter().GetResult().Value))];
    }

    public void Save(Stream stream)
    {
    }

    public void Load(Stream stream)
    {
    }
}
