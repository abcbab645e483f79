namespace PetriDish.Core.Store;

/// <summary>One ground-truth evaluation as stored: a result or a failure, with what produced it.</summary>
public sealed record EvaluationRecord
{
    /// <summary>Row id (0 before it is stored).</summary>
    public long Id { get; init; }

    public required string Motif { get; init; }

    /// <summary>Hash of the evaluator's configuration key (see <see cref="ResultsStore.HashConfiguration"/>).</summary>
    public required string Configuration { get; init; }

    /// <summary>The fidelity's text form (<c>full</c> for the real ground truth).</summary>
    public required string Fidelity { get; init; }

    public required int Seed { get; init; }

    public required EvaluationStatus Status { get; init; }

    public double? Value { get; init; }

    public string? Metric { get; init; }

    public string? Error { get; init; }

    /// <summary>Extra numbers from the evaluator, as JSON.</summary>
    public string? Details { get; init; }

    public double Seconds { get; init; }

    public int Attempt { get; init; } = 1;

    /// <summary>The search iteration (0 = warm-up), or null outside a search.</summary>
    public int? Iteration { get; init; }

    /// <summary>Why it was evaluated: warmup, search, exploration, screening, evaluate.</summary>
    public string? Purpose { get; init; }

    /// <summary>The cluster job that ran it, if any.</summary>
    public string? JobId { get; init; }

    public DateTimeOffset FinishedAt { get; init; } = DateTimeOffset.UtcNow;
}
