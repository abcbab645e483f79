using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using PetriDish.Abstractions;

namespace PetriDish.Core.Comparison;

/// <summary>
/// Reads <c>motif,value[,split]</c> CSV (the output of <c>petridish evaluate</c>, optionally with a
/// train/test column). Every problem is reported with its line: unknown motif keys, values that are
/// not finite numbers, a split other than train/test, a motif listed twice.
/// </summary>
internal static class ObservationsFile
{
    public static IReadOnlyList<ObservationRow> Read(string path, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"observations file not found: {path}");
        }

        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            AllowComments = true,
            IgnoreBlankLines = true,
            TrimOptions = TrimOptions.Trim,
        });
        if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { } header)
        {
            throw new InvalidInputException($"{path}: empty file; expected a header motif,value[,split]");
        }

        var columns = header.Select(h => h.Trim().ToLowerInvariant()).ToList();
        if (!columns.Contains("motif") || !columns.Contains("value"))
        {
            throw new InvalidInputException($"{path}: the header must name the columns motif and value (and optionally split); found {string.Join(",", header)}");
        }

        var hasSplit = columns.Contains("split");
        var rows = new List<ObservationRow>();
        var problems = new InputProblems();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (true)
        {
            string key, text;
            string? split;
            int line;
            try
            {
                if (!csv.Read())
                {
                    break;
                }

                line = csv.Parser.RawRow;
                key = csv.GetField("motif") ?? "";
                text = csv.GetField("value") ?? "";
                split = hasSplit ? csv.GetField("split")?.ToLowerInvariant() : null;
            }
            catch (BadDataException ex)
            {
                problems.Add(InputProblems.DescribeCsvFailure(path, csv.Parser.RawRow, ex));
                break;
            }
            catch (CsvHelperException ex)
            {
                problems.Add(InputProblems.DescribeCsvFailure(path, csv.Parser.RawRow, ex));
                continue;
            }
            if (InputProblems.ControlCharacterIn(path, line, key) is { } control)
            {
                problems.Add(control);
                continue;
            }

            IMotif motif;
            try
            {
                motif = space.Parse(key);
            }
            catch (MotifFormatException ex)
            {
                problems.Add($"{path}:{line}: {ex.Message}");
                continue;
            }

            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                problems.Add($"{path}:{line}: the value of {key} is '{text}', not a finite number");
                continue;
            }

            if (split is not null and not "train" and not "test")
            {
                problems.Add($"{path}:{line}: split '{split}' must be train or test");
                continue;
            }

            if (seen.TryGetValue(motif.Key, out var first))
            {
                problems.Add($"{path}:{line}: {motif.Key} is listed again (first on line {first})");
                continue;
            }

            seen[motif.Key] = line;
            rows.Add(new ObservationRow(motif, value, split, line));
        }

        problems.ThrowIfAny();
        return rows.Count > 0 ? rows : throw new InvalidInputException($"{path} holds no observations, only its header; add rows motif,value (e.g. the output of petridish evaluate)");
    }
}
