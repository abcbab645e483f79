namespace PetriDish.Dashboard.Views;

/// <summary>A run's page: its overview, every evaluation, the best-so-far curve, the surrogate's quality per iteration and the manifest.</summary>
internal sealed record RunDetail(
    RunOverview Run,
    IReadOnlyList<EvaluationRow> Evaluations,
    IReadOnlyList<CurvePoint> BestSoFar,
    IReadOnlyList<QualityRow> SurrogateQuality,
    string? Manifest);

/// <summary>
/// One stored evaluation. <see cref="Number"/> is the ground-truth evaluations spent when it was stored
/// (as the best-so-far curve counts them: a retried motif counts once), null for low fidelity.
/// </summary>
internal sealed record EvaluationRow(int? Number, int? Iteration, string? Purpose, string Fidelity, string Motif, double? Value, double Seconds, string Status, int Attempt, string? Error, string FinishedAt);

/// <summary>A point of a curve.</summary>
internal sealed record CurvePoint(double X, double? Y);

/// <summary>The screening surrogate in one iteration: Kendall τ on the motifs it sent, and its favourite's true rank among them.</summary>
internal sealed record QualityRow(int Iteration, int Evaluated, double? Tau, string Favourite, int FavouriteRank);
