namespace PetriDish.Abstractions;

/// <summary>The outcome of one ground-truth evaluation.</summary>
/// <param name="Value">The metric's value (e.g. mean validation accuracy over the repeats).</param>
/// <param name="Details">Further numbers worth keeping (per-repeat values, training loss, ...), or null.</param>
public sealed record GroundTruthResult(double Value, IReadOnlyDictionary<string, double>? Details = null);
