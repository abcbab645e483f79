using PetriDish.Abstractions;
using PetriDish.Core.Store;

namespace PetriDish.Core.Evaluation;

/// <summary>The stored result of a ground-truth evaluation (completed or failed after its retries).</summary>
/// <param name="Motif">The motif.</param>
/// <param name="Record">The stored row: value or error, seconds, attempt.</param>
/// <param name="Cached">True when the value came from the store, with no new training.</param>
internal sealed record EvaluationOutcome(IMotif Motif, EvaluationRecord Record, bool Cached)
{
    public bool Succeeded => Record.Status == EvaluationStatus.Completed;

    /// <summary>The value; throws for a failed evaluation.</summary>
    public double Value => Record.Value ?? throw new InvalidOperationException($"the evaluation of {Motif.Key} failed: {Record.Error}");
}
