namespace PetriDish.Dashboard.Views;

/// <summary>One row of the run list: what a run is and how far it got.</summary>
internal sealed record RunOverview(
    string Id,
    string Label,
    string? Benchmark,
    string Name,
    string? Space,
    string? Optimizer,
    string? Surrogate,
    string State,
    string? StateDetail,
    int Evaluations,
    int? Budget,
    double? Best,
    string? BestMotif,
    string? Metric,
    string Goal,
    bool GoalKnown,
    string? Started,
    string? LastEvaluation,
    string? Error);
