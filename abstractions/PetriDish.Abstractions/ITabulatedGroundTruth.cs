namespace PetriDish.Abstractions;

/// <summary>
/// A ground truth read from a table of published training runs (a NAS benchmark such as
/// NAS-Bench-NLP) instead of training: every evaluation is a lookup, and the table knows every motif
/// it can answer for.
/// </summary>
/// <remarks>
/// Searches over such a space should propose only tabulated motifs; the host uses
/// <see cref="Tabulated"/> to list the table (<c>petridish evaluate --all</c>).
/// </remarks>
public interface ITabulatedGroundTruth : IGroundTruthEvaluator
{
    /// <summary>
    /// Every motif in the table, in a stable order, including those whose recorded training failed
    /// (their evaluation fails with the recorded reason). Reading it may load the table.
    /// </summary>
    IReadOnlyList<IMotif> Tabulated { get; }
}
