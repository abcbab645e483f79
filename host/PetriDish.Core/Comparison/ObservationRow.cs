using PetriDish.Abstractions;

namespace PetriDish.Core.Comparison;

/// <summary>A motif with its ground-truth value, as read from an observations CSV.</summary>
/// <param name="Motif">The motif.</param>
/// <param name="Value">The ground-truth value, as measured (not yet oriented).</param>
/// <param name="Split">train, test, or null when the file has no split column.</param>
/// <param name="Line">The line in the file, for messages.</param>
public sealed record ObservationRow(IMotif Motif, double Value, string? Split, int Line);
