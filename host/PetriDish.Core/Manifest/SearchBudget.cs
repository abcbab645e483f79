namespace PetriDish.Core.Manifest;

/// <summary>When a search stops: whichever limit is reached first.</summary>
public sealed class SearchBudget
{
    public int? Evaluations { get; init; }

    public int? Iterations { get; init; }

    public double? WallTimeSeconds { get; init; }

    public double? Target { get; init; }
}
