using System.Text.RegularExpressions;

namespace PetriDish.Cli;

/// <summary>
/// Command-line parse errors in the user's words: System.CommandLine names the .NET type an argument
/// failed to convert to (<c>System.Nullable`1[System.Int32]</c>), which tells a user nothing.
/// </summary>
internal static partial class ParseErrorText
{
    public static string Readable(string message)
    {
        var match = TypeMismatch().Match(message);
        if (!match.Success)
        {
            return message;
        }

        var type = match.Groups["type"].Value;
        var expected = type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) ? "a whole number"
            : type.Contains("Double", StringComparison.Ordinal) || type.Contains("Single", StringComparison.Ordinal) ? "a number (invariant culture: 0.5, 1e-3)"
            : type.Contains("Boolean", StringComparison.Ordinal) ? "true or false"
            : null;
        return expected is null ? message : $"'{match.Groups["value"].Value}' for {match.Groups["what"].Value} is not {expected}.";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?<what>option '[^']+'|argument '[^']+') as expected type '(?<type>[^']+)'\.?$")]
    private static partial Regex TypeMismatch();
}
