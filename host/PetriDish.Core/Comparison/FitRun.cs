using PetriDish.Core.Plugins;

namespace PetriDish.Core.Comparison;

/// <summary>One fit of a comparison: which surrogate, its seed index, how it is named in progress lines and its share of the whole.</summary>
/// <param name="Surrogate">The surrogate.</param>
/// <param name="Index">The seed index (or fold): the surrogate's seed is derived from it.</param>
/// <param name="Label">How progress and log lines name this fit, e.g. <c>seed 2/5</c> or <c>fold 3/5</c>.</param>
/// <param name="Start">The comparison's fraction done when this fit starts.</param>
/// <param name="Share">This fit's share of the comparison.</param>
internal sealed record FitRun(BoundPlugin Surrogate, int Index, string Label, double Start, double Share);
