using System.Runtime.ExceptionServices;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.LowFidelity;

/// <summary>
/// Nothing to fit: every prediction is a real, shortened training run. Its cost grows with the number
/// of motifs predicted, which is the trade-off the Petri dish is meant to beat. A motif whose
/// low-fidelity evaluation fails (its training diverged) scores worst, as the search loop scores a
/// failed screening; if every evaluation fails, the first failure is raised, since that is a
/// configuration problem (a fidelity the ground truth cannot give), not a ranking.
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
        var scores = new double[motifs.Count];
        ExceptionDispatchInfo? first = null;
        var failures = 0;
        for (var i = 0; i < motifs.Count; i++)
        {
            try
            {
                scores[i] = metric.ToScore(space.GroundTruth.EvaluateAsync(motifs[i], fidelity, seed, null, cancellationToken).GetAwaiter().GetResult().Value);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                first ??= ExceptionDispatchInfo.Capture(ex);
                failures++;
                scores[i] = double.NegativeInfinity;
            }
        }

        if (first is not null && failures == motifs.Count)
        {
            first.Throw();
        }

        return scores;
    }

    public void Save(Stream stream)
    {
    }

    public void Load(Stream stream)
    {
    }

    /// <summary>Nothing to release: this component holds no tensors or native resources.</summary>
    public void Dispose()
    {
    }
}
