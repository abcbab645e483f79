namespace PetriDish.Abstractions;

/// <summary>What a surrogate has to say about its fit.</summary>
/// <param name="Diagnostics">Numbers such as the final training loss.</param>
/// <param name="Warnings">Things the user should know (e.g. motifs whose inner training diverged).</param>
public sealed record SurrogateFitReport(IReadOnlyDictionary<string, double> Diagnostics, IReadOnlyList<string> Warnings)
{
    /// <summary>A report with nothing to say.</summary>
    public static SurrogateFitReport Empty { get; } = new(new Dictionary<string, double>(), []);
}
