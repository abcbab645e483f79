using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;
using PetriDish.Abstractions;
using PetriDish.Core;

namespace PetriDish.Cli;

/// <summary>
/// Reads motif keys from a file: one key per line (blank lines and <c># comments</c> skipped), or a CSV
/// with a <c>motif</c> column (such as <c>petridish evaluate</c>'s output). Every bad key is reported.
/// </summary>
public static class MotifListReader
{
    public static IReadOnlyList<IMotif> Read(string path, ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"motif file not found: {path}");
        }

        var lines = File.ReadAllLines(path);
        var firstLine = lines.FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))?.Trim() ?? "";
        var keys = firstLine.Split(',').Select(c => c.Trim()).Contains("motif", StringComparer.OrdinalIgnoreCase)
            ? ReadCsvColumn(path)
            : lines.Select((line, index) => (Line: index + 1, Key: line.Trim())).Where(l => l.Key.Length > 0 && !l.Key.StartsWith('#')).ToList();

        var motifs = new List<IMotif>();
        var problems = new InputProblems();
        foreach (var (line, key) in keys)
        {
            if (InputProblems.ControlCharacterIn(path, line, key) is { } control)
            {
                problems.Add(control);
                continue;
            }

            try
            {
                motifs.Add(space.Parse(key));
            }
            catch (MotifFormatException ex)
            {
                problems.Add($"{path}:{line}: {ex.Message}");
            }
        }

        problems.ThrowIfAny();
        return motifs.Count == 0 ? throw new InvalidInputException($"{path} lists no motifs") : motifs;
    }

    private static List<(int Line, string Key)> ReadCsvColumn(string path)
    {
        using var reader = new StreamReader(path);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            PrepareHeaderForMatch = args => args.Header.Trim().ToLowerInvariant(),
            AllowComments = true,
            IgnoreBlankLines = true,
        });
        csv.Read();
        csv.ReadHeader();
        var keys = new List<(int, string)>();
        try
        {
            while (csv.Read())
            {
                keys.Add((csv.Parser.RawRow, (csv.GetField("motif") ?? "").Trim()));
            }
        }
        catch (CsvHelperException ex)
        {
            // A broken quote leaves the parser unable to find the next row: what it read so far is not
            // reported as keys, the break is.
            throw new InvalidInputException(InputProblems.DescribeCsvFailure(path, csv.Parser.RawRow, ex), ex);
        }

        return keys;
    }
}
