namespace PetriDish.Core.Comparison;

/// <summary>One surrogate fitted with one seed, scored on the test observations.</summary>
public sealed record SeedMetrics
{
    public required int Seed { get; init; }

    public required double KendallTau { get; init; }

    public required double Spearman { get; init; }

    public required double PrecisionAtK { get; init; }

    public required string Top1Motif { get; init; }

    /// <summary>The true value of the predicted best test motif.</summary>
    public required double Top1Value { get; init; }

    /// <summary>How much worse (in the metric's units, ≥ 0) the predicted best is than the true best.</summary>
    public required double Top1Regret { get; init; }

    /// <summary>1-based true rank of the predicted best among the test motifs.</summary>
    public required int Top1TrueRank { get; init; }

    public required double FitSeconds { get; init; }

    public required double PredictSeconds { get; init; }

    /// <summary>Kendall τ on held-out motifs below the training range (one-parameter families), if at least two.</summary>
    public double? KendallTauBelow { get; init; }

    /// <summary>Kendall τ on held-out motifs above the training range, if at least two.</summary>
    public double? KendallTauAbove { get; init; }

    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What the surrogate said about its fit: its numbers (<see cref="Abstractions.SurrogateFitReport.Diagnostics"/>).</summary>
    public IReadOnlyDictionary<string, double> Diagnostics { get; init; } = new Dictionary<string, double>();

    /// <summary>Its one-line account of the fit, if any (<see cref="Abstractions.SurrogateFitReport.Summary"/>).</summary>
    public string? FitSummary { get; init; }

    /// <summary>Its notes on the fit (<see cref="Abstractions.SurrogateFitReport.Notes"/>).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Its scores of the test motifs, in the test's order (higher is better): every figure above can be recomputed from them.</summary>
    [Newtonsoft.Json.JsonIgnore]
    public IReadOnlyList<double> TestScores { get; init; } = [];
}
