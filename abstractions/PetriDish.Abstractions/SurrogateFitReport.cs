namespace PetriDish.Abstractions;

/// <summary>What a surrogate has to say about its fit.</summary>
/// <param name="Diagnostics">Numbers such as the final training loss.</param>
/// <param name="Warnings">Things the user should know (e.g. motifs whose inner training diverged).</param>
public sealed record SurrogateFitReport(IReadOnlyDictionary<string, double> Diagnostics, IReadOnlyList<string> Warnings)
{
    /// <summary>One line on how the fit went, for tables and plots (for example which ensemble members were kept); null when there is nothing to say.</summary>
    public string? Summary { get; init; }

    /// <summary>Details worth reading that are not problems (for example why an ensemble member was left out).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>A report with nothing to say.</summary>
    public static SurrogateFitReport Empty { get; } = new(new Dictionary<string, double>(), []);
}
