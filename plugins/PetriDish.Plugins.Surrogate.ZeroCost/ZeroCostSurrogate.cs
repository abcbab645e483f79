using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using PetriDish.Abstractions;
using PetriDish.Sdk;
using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.ZeroCost;

/// <summary>
/// Scores each motif by a zero-cost proxy of its real network at initialisation; nothing is learned
/// from the observations. A motif's network is drawn from a generator seeded by the component's seed
/// and the motif's key, so its score does not depend on which other motifs are scored with it.
/// Synflow is reported as ln(1 + synflow): the raw values span dozens of orders of magnitude, and a
/// network whose cell cuts every path to the output has synflow 0; the ranking is the same.
/// Scores are kept per search-space instance, proxy, seed and key, so refits in a search or a
/// predictor study do not build the same network twice.
/// </summary>
public sealed class ZeroCostSurrogate(string proxy, IRealNetworks networks, int seed) : ISurrogate
{
    private static readonly ConditionalWeakTable<IRealNetworks, ConcurrentDictionary<(string Proxy, int Seed, string Key), double>> Known = new();
    private readonly ConcurrentDictionary<(string Proxy, int Seed, string Key), double> _scores = Known.GetOrCreateValue(networks);

    public int MinimumObservations => 0;

    /// <summary>Nothing to fit; reports how the proxy ranks the observations (Kendall τ), which tells whether it suits this ground truth.</summary>
    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count < 2)
        {
            return SurrogateFitReport.Empty;
        }

        var scores = Predict([.. observations.Select(o => o.Motif)], cancellationToken);
        var tau = Ranks.KendallTauB(scores, [.. observations.Select(o => o.Score)]);
        return new SurrogateFitReport(new Dictionary<string, double> { ["observed_kendall_tau"] = tau }, [])
        {
            Summary = FormattableString.Invariant($"{proxy}: τ {tau:0.000} on the {observations.Count} observations"),
        };
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var scores = new double[motifs.Count];
        for (var i = 0; i < motifs.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            scores[i] = _scores.GetOrAdd((proxy, seed, motifs[i].Key), _ => ScoreOf(motifs[i]));
        }

        return scores;
    }

    private double ScoreOf(IMotif motif)
    {
        using var generator = new Generator((ulong)Seeds.Derive(seed, motif.Key));
        using var network = networks.Build(motif, ZeroCostProxies.OptionsFor(proxy), generator);
        return proxy == ZeroCostProxies.Synflow
            ? Math.Log(1 + ZeroCostProxies.SynflowOf(network, networks.InputShape))
            : ZeroCostProxies.ParameterCountOf(network) / 1e6;
    }

    /// <summary>Nothing to save: the scores follow from the seed.</summary>
    public void Save(Stream stream)
    {
    }

    public void Load(Stream stream)
    {
    }

    /// <summary>Nothing to release: every network is disposed after scoring.</summary>
    public void Dispose()
    {
    }
}
