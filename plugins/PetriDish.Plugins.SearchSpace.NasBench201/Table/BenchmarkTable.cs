using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Table;

/// <summary>
/// A table of the benchmark's results, one row per cell: an <c>arch</c> column (the architecture
/// string), optionally the benchmark's <c>index</c>, and numeric columns named <c>&lt;metric&gt;_&lt;epochs&gt;</c>
/// (<c>valid_accuracy_200</c>, <c>train_seconds_200</c>, <c>valid_accuracy_12</c>, …). The same
/// reader takes the CIFAR-10, CIFAR-100 and ImageNet16-120 tables of the benchmark.
/// </summary>
public sealed partial class BenchmarkTable
{
    private const int ProblemsShown = 20;
    private readonly Dictionary<string, int> _rowOf;
    private readonly Dictionary<string, double[]> _columns;
    private readonly Dictionary<int, int> _rowOfIndex = [];

    private BenchmarkTable(string source, string fingerprint, IReadOnlyList<Nb201Cell> cells, IReadOnlyList<int>? indices, Dictionary<string, double[]> columns)
    {
        Source = source;
        Fingerprint = fingerprint;
        Cells = cells;
        Indices = indices;
        _columns = columns;
        _rowOf = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < cells.Count; row++)
        {
            _rowOf[cells[row].Key] = row;
            if (indices is not null)
            {
                _rowOfIndex.TryAdd(indices[row], row);
            }
        }
    }

    /// <summary>The file the table was read from.</summary>
    public string Source { get; }

    /// <summary>A SHA-256 of the file's bytes: results from another table are never mixed with these.</summary>
    public string Fingerprint { get; }

    /// <summary>Every cell of the table, in its row order.</summary>
    public IReadOnlyList<Nb201Cell> Cells { get; }

    /// <summary>The benchmark's index of each row (its <c>index</c> column), or null if the table has none.</summary>
    public IReadOnlyList<int>? Indices { get; }

    /// <summary>The numeric columns' names.</summary>
    public IReadOnlyCollection<string> Columns => _columns.Keys;

    /// <summary>The row of <paramref name="cell"/>, or null if the table lacks it.</summary>
    public int? RowOf(Nb201Cell cell) => _rowOf.TryGetValue(cell.Key, out var row) ? row : null;

    /// <summary>The value in <paramref name="column"/> at <paramref name="row"/>, or null if the table has no such column.</summary>
    public double? Value(string column, int row) => _columns.TryGetValue(column, out var values) ? values[row] : null;

    /// <summary>The cell with the benchmark's index <paramref name="index"/>.</summary>
    public Nb201Cell CellWithIndex(int index)
    {
        var row = Indices is null ? index : _rowOfIndex.GetValueOrDefault(index, -1);
        return row >= 0 && row < Cells.Count
            ? Cells[row]
            : throw new MotifFormatException(index.ToString(CultureInfo.InvariantCulture), $"the table {Source} has no cell with index {index} (it holds {Cells.Count} cells)");
    }

    /// <summary>
    /// The epochs at which the table holds <paramref name="metric"/> (from its <c>metric_epochs</c> columns), ascending.
    /// </summary>
    public IReadOnlyList<int> EpochsOf(string metric) => [.. _columns.Keys
        .Select(c => ColumnName().Match(c))
        .Where(m => m.Success && m.Groups["metric"].Value == metric)
        .Select(m => int.Parse(m.Groups["epochs"].Value, CultureInfo.InvariantCulture))
        .Order()];

    /// <summary>What the table holds, for messages: each metric with its epochs.</summary>
    public string Describe() => string.Join("; ", _columns.Keys
        .Select(c => ColumnName().Match(c))
        .Where(m => m.Success)
        .GroupBy(m => m.Groups["metric"].Value, StringComparer.Ordinal)
        .OrderBy(g => g.Key, StringComparer.Ordinal)
        .Select(g => $"{g.Key} at {string.Join(", ", g.Select(m => int.Parse(m.Groups["epochs"].Value, CultureInfo.InvariantCulture)).Order())} epochs"));

    /// <summary>
    /// Reads a table. Problems are reported together, each with the file, line and column (the first
    /// <see cref="ProblemsShown"/> of them, and how many more).
    /// </summary>
    /// <exception cref="FileNotFoundException">No file at the path.</exception>
    /// <exception cref="InvalidDataException">The table is malformed.</exception>
    public static BenchmarkTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"the NAS-Bench-201 table '{full}' does not exist (a CSV with an 'arch' column and columns named <metric>_<epochs>, e.g. valid_accuracy_200)", full);
        }

        var bytes = File.ReadAllBytes(full);
        var problems = new List<string>();
        var cells = new List<Nb201Cell>();
        var indices = new List<int>();
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] header;
        var numeric = new List<(int Field, string Name, List<double> Values)>();
        var indexField = -1;
        using (var reader = new StreamReader(new MemoryStream(bytes)))
        using (var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, MissingFieldFound = null }))
        {
            if (!csv.Read() || !csv.ReadHeader() || csv.HeaderRecord is not { Length: > 0 } names)
            {
                throw new InvalidDataException($"{full}:1: the table is empty; its first line names the columns (arch, <metric>_<epochs>, …)");
            }

            header = names;
            var archField = Array.IndexOf(header, "arch");
            if (archField < 0)
            {
                throw new InvalidDataException($"{full}:1: no 'arch' column (the architecture string); the header names {string.Join(", ", header.Select(h => $"'{h}'"))}");
            }

            indexField = Array.IndexOf(header, "index");
            for (var f = 0; f < header.Length; f++)
            {
                if (ColumnName().IsMatch(header[f]))
                {
                    numeric.Add((f, header[f], []));
                }
            }

            var line = csv.Parser.RawRow;
            while (ReadRow(csv, full, problems) is { } fields)
            {
                // The line the record starts on (a quoted field may span lines).
                (line, var end) = (line + 1, csv.Parser.RawRow);
                if (fields.Any(f => f.Contains('\n', StringComparison.Ordinal)))
                {
                    problems.Add($"{full}:{line}: a quoted field opened on this line is not closed on it");
                    line = end;
                    continue;
                }

                line = end;
                if (fields.Length != header.Length)
                {
                    problems.Add($"{full}:{line}: {fields.Length} fields where the header names {header.Length}");
                    continue;
                }

                Nb201Cell cell;
                try
                {
                    cell = CellKeyParser.Parse(fields[archField], byIndex: null);
                }
                catch (MotifFormatException ex)
                {
                    problems.Add($"{full}:{line}, column 'arch': {ex.Reason}");
                    continue;
                }

                if (!firstLine.TryAdd(cell.Key, line))
                {
                    problems.Add($"{full}:{line}, column 'arch': {cell.Architecture} is already on line {firstLine[cell.Key]}");
                    continue;
                }

                var index = 0;
                if (indexField >= 0 && !int.TryParse(fields[indexField], NumberStyles.None, CultureInfo.InvariantCulture, out index))
                {
                    problems.Add($"{full}:{line}, column 'index': '{fields[indexField]}' is not a whole number");
                    continue;
                }

                var bad = false;
                var values = new double[numeric.Count];
                for (var c = 0; c < numeric.Count; c++)
                {
                    var text = fields[numeric[c].Field];
                    if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out values[c]) || !double.IsFinite(values[c]))
                    {
                        problems.Add($"{full}:{line}, column '{numeric[c].Name}': '{text}' is not a finite number");
                        bad = true;
                    }
                }

                if (bad)
                {
                    continue;
                }

                cells.Add(cell);
                indices.Add(index);
                for (var c = 0; c < numeric.Count; c++)
                {
                    numeric[c].Values.Add(values[c]);
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"the NAS-Bench-201 table {full} has {problems.Count} problem(s):{Environment.NewLine}{ProblemList.Format(problems, ProblemsShown)}");
        }

        if (cells.Count == 0)
        {
            throw new InvalidDataException($"{full}: the table has a header but no rows");
        }

        return new BenchmarkTable(full, Convert.ToHexStringLower(SHA256.HashData(bytes)), cells, indexField >= 0 ? indices : null,
            numeric.ToDictionary(n => n.Name, n => n.Values.ToArray(), StringComparer.Ordinal));
    }

    /// <summary>The next row's fields, or null at the end; a line the CSV reader cannot split is a problem with its line.</summary>
    private static string[]? ReadRow(CsvReader csv, string path, List<string> problems)
    {
        try
        {
            return csv.Read() ? csv.Parser.Record ?? [] : null;
        }
        catch (CsvHelperException ex)
        {
            // The reader cannot go on after such a line (an unclosed quote swallows the rest).
            problems.Add($"{path}:{csv.Parser.RawRow}: the line cannot be read as CSV ({ex.GetType().Name}); reading stopped there");
            return null;
        }
    }

    [GeneratedRegex("^(?<metric>[A-Za-z][A-Za-z0-9_]*)_(?<epochs>[0-9]+)$")]
    private static partial Regex ColumnName();
}
