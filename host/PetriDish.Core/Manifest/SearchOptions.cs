namespace PetriDish.Core.Manifest;

/// <summary>The surrogate-assisted search loop (paper Fig. 2b, Algorithm 1).</summary>
public sealed class SearchOptions
{
    public int Warmup { get; init; } = 10;

    public IReadOnlyList<string> WarmupMotifs { get; init; } = [];

    public int Candidates { get; init; } = 100;

    public int EvaluationsPerIteration { get; init; } = 5;

    public int ExplorationPerIteration { get; init; }

    public string? Surrogate { get; init; }

    public int Retries { get; init; } = 1;

    /// <summary>Known ground truth (motif,value CSV) that the best motif found is ranked against in the report.</summary>
    public string? Reference { get; init; }

    public SearchBudget Budget { get; init; } = new();
}
