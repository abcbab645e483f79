namespace PetriDish.Dashboard.Views;

/// <summary>
/// A benchmark's page: its arms' progress (seeds finished and running), and once it has finished the
/// arms' table of <c>benchmark.json</c> and each arm's curve (mean with its 95 % band over seeds) from
/// <c>evaluations.csv</c>.
/// </summary>
internal sealed record BenchmarkDetail(
    string Id,
    string Label,
    string? Name,
    string State,
    string? Metric,
    string? Goal,
    string Measure,
    double? Optimum,
    int? Evaluations,
    int? Seeds,
    string? ReferenceArm,
    IReadOnlyList<ArmProgress> Progress,
    IReadOnlyList<ArmRow> Arms,
    IReadOnlyList<ArmCurve> Curves,
    IReadOnlyList<CurvePoint> RandomExpectation,
    string? Error);

/// <summary>One arm's searches: how many seeds have finished and which are running, each linked by its run id.</summary>
internal sealed record ArmProgress(string Arm, int Finished, int Running, int Seeds, IReadOnlyList<ArmRun> Runs);

/// <summary>One arm × seed search.</summary>
internal sealed record ArmRun(int Seed, string Id, string State);

/// <summary>One arm's final figure over seeds (mean, median, SD with n − 1, 95 % CI of the mean), its test against the reference arm, its cost.</summary>
internal sealed record ArmRow(string Name, string? Optimizer, string? Surrogate, int? Seeds, double? Mean, double? Median, double? Sd, double? Low, double? High, double? WilcoxonP, string? Better, double? SecondsPerSearch, double? SurrogateSecondsPerSearch);

/// <summary>One arm's mean measure after each evaluation, with the 95 % confidence band of the mean.</summary>
internal sealed record ArmCurve(string Arm, IReadOnlyList<BandPoint> Points);

/// <summary>A point of a mean curve with its band.</summary>
internal sealed record BandPoint(int X, double? Mean, double? Low, double? High);
