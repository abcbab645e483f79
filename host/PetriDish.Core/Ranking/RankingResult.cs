using PetriDish.Abstractions;

namespace PetriDish.Core.Ranking;

/// <summary>A surrogate's ranking of candidates, with what it was fitted on and how long each part took.</summary>
internal sealed record RankingResult
{
    /// <summary>The surrogate's name in the manifest.</summary>
    public required string Surrogate { get; init; }

    /// <summary>The surrogate's plugin id.</summary>
    public required string Plugin { get; init; }

    /// <summary>The metric the observations were measured in.</summary>
    public required GroundTruthMetric Metric { get; init; }

    /// <summary>How many observations the surrogate was fitted on (for a loaded surrogate: when it was saved).</summary>
    public required int Observations { get; init; }

    /// <summary>The file the fitted surrogate was loaded from, or null when it was fitted here.</summary>
    public string? LoadedFrom { get; init; }

    /// <summary>Seconds spent fitting (0 for a loaded surrogate).</summary>
    public required double FitSeconds { get; init; }

    /// <summary>Seconds spent scoring the candidates.</summary>
    public required double PredictSeconds { get; init; }

    /// <summary>Peak working set of the process during the ranking, in bytes (native tensors included).</summary>
    public required long PeakWorkingSetBytes { get; init; }

    /// <summary>What the surrogate said about its fit; null for a loaded surrogate.</summary>
    public SurrogateFitReport? FitReport { get; init; }

    /// <summary>The best observed score the surrogate was fitted on; null for a loaded surrogate.</summary>
    public double? BestObservedScore { get; init; }

    /// <summary>
    /// How many candidates are predicted better than every observation: there the surrogate's value
    /// extrapolates beyond anything it was shown (their order may still be right).
    /// </summary>
    public int PredictedBeyondObserved => BestObservedScore is { } best ? Ranked.Count(r => r.Score > best) : 0;

    /// <summary>The candidates, best first.</summary>
    public required IReadOnlyList<RankedMotif> Ranked { get; init; }
}
