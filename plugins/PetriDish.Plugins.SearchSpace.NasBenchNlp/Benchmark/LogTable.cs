using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;

/// <summary>
/// The release's training logs read into a table: every <c>log_stats_model_*.json</c> of a folder
/// (searched recursively) or of a zip (as the release publishes <c>train_logs_wikitext-2/logs.zip</c>),
/// grouped by canonical cell, so that a cell trained twice is one entry with two runs.
/// </summary>
public sealed class LogTable
{
    /// <summary>The name pattern of a log.</summary>
    public const string LogPattern = "log_stats_model_*.json";

    private const int ProblemsShown = 10;
    private readonly Dictionary<string, TabulatedCell> _byKey;

    private LogTable(string source, string fingerprint, int files, List<TabulatedCell> cells)
    {
        Source = source;
        Fingerprint = fingerprint;
        Files = files;
        Cells = cells;
        _byKey = cells.ToDictionary(c => c.Cell.Key, StringComparer.Ordinal);
    }

    /// <summary>The folder or zip the logs came from (a full path).</summary>
    public string Source { get; }

    /// <summary>A hash of every log's name and bytes: what a cached value was read from.</summary>
    public string Fingerprint { get; }

    /// <summary>The number of logs read.</summary>
    public int Files { get; }

    /// <summary>The distinct cells, ordered by key.</summary>
    public IReadOnlyList<TabulatedCell> Cells { get; }

    /// <summary>The cell's entry, if the table has it.</summary>
    public TabulatedCell? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>Reads the logs at <paramref name="path"/> (a folder or a .zip).</summary>
    /// <exception cref="FileNotFoundException">Nothing exists at the path.</exception>
    /// <exception cref="InvalidDataException">No logs there, or logs that cannot be read; every bad file is named.</exception>
    public static LogTable Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        List<(string Name, byte[] Bytes)> logs;
        if (Directory.Exists(full))
        {
            logs = [.. Directory.EnumerateFiles(full, LogPattern, SearchOption.AllDirectories)
                .Select(file => (Name: Path.GetRelativePath(full, file).Replace('\\', '/'), Bytes: File.ReadAllBytes(file)))
                .OrderBy(l => l.Name, StringComparer.Ordinal)];
        }
        else if (File.Exists(full))
        {
            logs = ReadZip(full);
        }
        else
        {
            throw new FileNotFoundException($"the NAS-Bench-NLP logs '{full}' do not exist (a folder of {LogPattern} files, or the release's logs.zip)", full);
        }

        if (logs.Count == 0)
        {
            throw new InvalidDataException($"'{full}' holds no NAS-Bench-NLP training logs ({LogPattern})");
        }

        var runs = new List<(NlpCell Cell, TrainingRun Run)>();
        var problems = new List<string>();
        foreach (var (name, bytes) in logs)
        {
            try
            {
                runs.Add(ReadLog(name, bytes));
            }
            catch (InvalidDataException ex)
            {
                problems.Add(ex.Message);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{problems.Count} of the {logs.Count} logs in '{full}' cannot be read:{Environment.NewLine}{ProblemList.Format(problems, ProblemsShown)}");
        }

        var cells = runs.GroupBy(r => r.Cell.Key, StringComparer.Ordinal)
            .Select(g => new TabulatedCell(g.First().Cell, [.. g.Select(r => r.Run)]))
            .OrderBy(c => c.Cell.Key, StringComparer.Ordinal)
            .ToList();
        return new LogTable(full, HashOf(logs), logs.Count, cells);
    }

    private static List<(string Name, byte[] Bytes)> ReadZip(string path)
    {
        ZipArchive archive;
        try
        {
            archive = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"'{path}' is neither a folder nor a zip archive of NAS-Bench-NLP logs ({ex.Message})", ex);
        }

        using (archive)
        {
            var logs = new List<(string, byte[])>();
            foreach (var entry in archive.Entries)
            {
                // macOS archivers add resource-fork copies under __MACOSX/ with the same names.
                if (entry.FullName.Contains("__MACOSX", StringComparison.Ordinal) || !IsLogName(entry.Name))
                {
                    continue;
                }

                using var stream = entry.Open();
                using var copy = new MemoryStream();
                stream.CopyTo(copy);
                logs.Add((entry.FullName, copy.ToArray()));
            }

            return [.. logs.OrderBy(l => l.Item1, StringComparer.Ordinal)];
        }
    }

    private static bool IsLogName(string name) =>
        name.StartsWith("log_stats_model_", StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal);

    private static (NlpCell Cell, TrainingRun Run) ReadLog(string name, byte[] bytes)
    {
        InvalidDataException Bad(string reason) => new($"{name}: {reason}");
        JToken root;
        try
        {
            root = RecipeReader.Parse(PythonJson.WithoutNonFiniteLiterals(Encoding.UTF8.GetString(bytes)));
        }
        catch (JsonException ex)
        {
            throw Bad($"not JSON ({ex.Message})");
        }

        if (root is not JObject log)
        {
            throw Bad("not a training log (a JSON object with 'recepie' and 'val_losses')");
        }

        if (log["recepie"] is not { } recipe)
        {
            throw Bad("no 'recepie' (the cell)");
        }

        NlpCell cell;
        try
        {
            var nodes = recipe.Type == JTokenType.String
                ? RecipeReader.Read((string)recipe!, "recepie")
                : RecipeReader.Read(recipe, "recepie");
            cell = CellCanonicalizer.Canonicalize(nodes, "recepie");
        }
        catch (MotifFormatException ex)
        {
            throw Bad($"recepie: {ex.Reason}");
        }

        var losses = Numbers(log, "val_losses") ?? throw Bad("no 'val_losses' array of numbers");
        var wallTimes = Numbers(log, "wall_times") ?? [];
        var status = log["status"] is JValue { Type: JTokenType.String } s ? (string)s! : TrainingRun.Completed;
        var id = log["recepie_id"] is JValue { Type: JTokenType.Integer } r ? (long)r : -1;
        var parameters = log["num_params"] is JValue { Type: JTokenType.Integer } p ? (long)p : 0;
        return (cell, new TrainingRun(name, id, status, losses, wallTimes, parameters));
    }

    /// <summary>A number array (nulls, the non-finite values, read as NaN), or null if absent or not numbers.</summary>
    private static double[]? Numbers(JObject log, string property)
    {
        if (log[property] is not JArray array)
        {
            return null;
        }

        var values = new List<double>();
        foreach (var item in array)
        {
            switch (item.Type)
            {
                case JTokenType.Null:
                    values.Add(double.NaN);
                    break;
                case JTokenType.Integer or JTokenType.Float:
                    values.Add((double)item);
                    break;
                default:
                    return null;
            }
        }

        return [.. values];
    }

    private static string HashOf(List<(string Name, byte[] Bytes)> logs)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, bytes) in logs)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileName(name)}\0{bytes.Length}\0")));
            hash.AppendData(bytes);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }
}
