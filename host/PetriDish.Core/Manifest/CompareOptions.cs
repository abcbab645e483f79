namespace PetriDish.Core.Manifest;

/// <summary>How <c>petridish compare</c> splits observations and how often it fits.</summary>
public sealed class CompareOptions
{
    public string? Observations { get; init; }

    public int Seeds { get; init; } = 1;

    public TrainSelection Train { get; init; } = new();

    /// <summary>A predictor study's test sample.</summary>
    public TestSelection Test { get; init; } = new();
}
