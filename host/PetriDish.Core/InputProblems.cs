using System.Globalization;
using CsvHelper;

namespace PetriDish.Core;

/// <summary>
/// The problems found in an input file, each with its file and line, collected so that all of them are
/// reported at once, but only the first <see cref="Shown"/> in full: a file of a million bad lines gives
/// a readable message (and bounded memory) with the count of the rest.
/// </summary>
internal sealed class InputProblems
{
    /// <summary>How many problems a message shows in full.</summary>
    public const int Shown = 20;

    private readonly List<string> _first = [];

    /// <summary>How many problems were found.</summary>
    public int Count { get; private set; }

    public void Add(string problem)
    {
        Count++;
        if (_first.Count < Shown)
        {
            _first.Add(problem);
        }
    }

    /// <summary>Throws <see cref="InvalidInputException"/> with the problems if there are any.</summary>
    public void ThrowIfAny()
    {
        if (Count == 0)
        {
            return;
        }

        var message = string.Join(Environment.NewLine, _first);
        throw new InvalidInputException(Count <= Shown
            ? message
            : message + Environment.NewLine + string.Create(CultureInfo.InvariantCulture, $"… and {Count - Shown} more problems ({Count} in all)"));
    }

    /// <summary>
    /// The problem with a motif key that holds a control character (no search space's keys do, and
    /// echoing one could move a terminal's cursor), or null.
    /// </summary>
    public static string? ControlCharacterIn(string path, int line, string key)
    {
        var control = key.FirstOrDefault(char.IsControl);
        return control == default ? null : string.Create(CultureInfo.InvariantCulture, $"{path}:{line}: the motif key holds a control character (U+{(int)control:X4}); keys are printable text");
    }

    /// <summary>
    /// What a CSV reader's failure at <paramref name="path"/>:<paramref name="line"/> means, in a line
    /// (the library's own message dumps its parser state).
    /// </summary>
    public static string DescribeCsvFailure(string path, int line, CsvHelperException failure) => failure switch
    {
        CsvHelper.MissingFieldException missing => $"{path}:{line}: the row has too few fields{(missing.Context?.Reader?.HeaderRecord is { } header ? $" for the header {string.Join(",", header)}" : "")}",
        BadDataException => $"{path}:{line}: a quoted field is not closed, or a quote stands inside an unquoted field; the rest of the file cannot be read",
        _ => $"{path}:{line}: not valid CSV here ({failure.GetType().Name})",
    };
}
