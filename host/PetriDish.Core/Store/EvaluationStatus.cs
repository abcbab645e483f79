namespace PetriDish.Core.Store;

/// <summary>How a ground-truth evaluation ended.</summary>
public enum EvaluationStatus
{
    /// <summary>It produced a value.</summary>
    Completed,

    /// <summary>It threw; the error is recorded.</summary>
    Failed,
}
