namespace PetriDish.Sdk;

/// <summary>
/// Problems found in a file, listed for an error message: the first few, one per indented line, and
/// how many more, so that a table with thousands of bad rows gives a readable message.
/// </summary>
public static class ProblemList
{
    /// <summary>The first <paramref name="shown"/> problems, each on its own line, then "… and K more" if there are.</summary>
    public static string Format(IReadOnlyList<string> problems, int shown)
    {
        ArgumentNullException.ThrowIfNull(problems);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shown);
        var listed = string.Join(Environment.NewLine, problems.Take(shown).Select(p => "  " + p));
        return problems.Count > shown ? $"{listed}{Environment.NewLine}  … and {problems.Count - shown} more" : listed;
    }
}
