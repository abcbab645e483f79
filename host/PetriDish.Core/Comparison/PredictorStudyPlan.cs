using PetriDish.Core.Plugins;

namespace PetriDish.Core.Comparison;

/// <summary>What a predictor study fits and ranks (see <see cref="PredictorStudy"/>).</summary>
/// <param name="Observations">Every observation read.</param>
/// <param name="Test">The fixed test sample.</param>
/// <param name="Pool">The observations training sets are drawn from (all but the test sample).</param>
/// <param name="Counts">The training sizes, ascending.</param>
/// <param name="Surrogates">The surrogates compared.</param>
/// <param name="Seeds">Training draws (and surrogate seeds) per size.</param>
/// <param name="ObservationsFile">The CSV read, or null when the ground truth's own table was used.</param>
internal sealed record PredictorStudyPlan(
    IReadOnlyList<ObservationRow> Observations,
    IReadOnlyList<ObservationRow> Test,
    IReadOnlyList<ObservationRow> Pool,
    IReadOnlyList<int> Counts,
    IReadOnlyList<BoundPlugin> Surrogates,
    int Seeds,
    string? ObservationsFile);
