namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

/// <summary>Whether one dish of an ensemble predicts, and why.</summary>
/// <param name="Member">The dish, from 0.</param>
/// <param name="Fit">Correlation of its losses with the targets on its held-out motifs (its learned ones without a hold-out).</param>
/// <param name="Agreement">Kendall τ of its ranking of random motifs with the other fitted dishes' median; NaN when not measured.</param>
/// <param name="Outcome">Kept, or why not.</param>
/// <param name="Reason">Why it was left out, in words; null when kept.</param>
internal sealed record MemberVerdict(int Member, double Fit, double Agreement, MemberOutcome Outcome, string? Reason);
