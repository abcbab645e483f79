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
        var problems = new List<string>();
        foreach (var (line, key) in keys)
        {
            try
            {
                motifs.Add(space.Parse(key));
            }
            catch (MotifFormatException ex)
            {
                problems.Add($"{path}:{line}: {ex.Message}");
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidInputException(string.Join(Environment.NewLine, problems));
        }

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
        while (csv.Read())
        {
            keys.Add((csv.Parser.RawRow, csv.GetField("motif")!.Trim()));
        }

        return keys;
    }
}
