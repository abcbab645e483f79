namespace PetriDish.Dashboard.Views;

/// <summary>
/// A comparison's page: the metrics of <c>compare.json</c> per surrogate and, per surrogate, its first
/// fit's score of every test motif against the motif's ground truth (the Figure-1 plot).
/// </summary>
internal sealed record ComparisonDetail(
    string Id,
    string Label,
    string? Metric,
    string? Goal,
    int? Train,
    int? Test,
    string? Split,
    IReadOnlyList<ComparisonRow> Surrogates,
    IReadOnlyList<ScatterSeries> Predictions,
    string? Error);

/// <summary>One surrogate's figures over its fits (mean and the population SD compare.json reports).</summary>
internal sealed record ComparisonRow(string Id, string? Plugin, int Fits, Figure KendallTau, Figure Spearman, Figure PrecisionAtK, int? K, Figure Top1Regret, Figure FitSeconds, Figure PredictSeconds);

/// <summary>A mean and its SD, either missing when not computable.</summary>
internal sealed record Figure(double? Mean, double? Sd);

/// <summary>One surrogate's scores of the test motifs in one fit.</summary>
internal sealed record ScatterSeries(string Surrogate, int Fit, IReadOnlyList<ScatterPoint> Points);

/// <summary>A test motif: its ground truth and the surrogate's score.</summary>
internal sealed record ScatterPoint(string Motif, double? Value, double? Score);
