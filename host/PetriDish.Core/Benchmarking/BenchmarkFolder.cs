using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Core.Reports;

namespace PetriDish.Core.Benchmarking;

/// <summary>
/// A benchmark's folder: <c>benchmark.plan.json</c> (the manifest text and path it was started with,
/// the seeds and plugin folders, so that <c>--resume</c> needs nothing else), one run folder per arm ×
/// seed under <c>runs/ARM/seed-N</c>, the workers' claims and logs, and the outputs.
/// </summary>
internal sealed class BenchmarkFolder(string path)
{
    private const string PlanName = "benchmark.plan.json";

    /// <summary>The folder's absolute path.</summary>
    public string Path { get; } = System.IO.Path.GetFullPath(path);

    public string PlanFile => System.IO.Path.Combine(Path, PlanName);

    /// <summary>The ground-truth database the searches share when the ground truth is trained (not a table lookup).</summary>
    public string SharedCache => System.IO.Path.Combine(Path, "ground-truth.sqlite");

    public string WorkersFolder => System.IO.Path.Combine(Path, "workers");

    /// <summary>The run folder of one search.</summary>
    public string RunFolder(string arm, int seed) => System.IO.Path.Combine(Path, "runs", arm, string.Create(CultureInfo.InvariantCulture, $"seed-{seed}"));

    /// <summary>The folder whose lock a worker holds while it runs the search (released by the system when the worker dies).</summary>
    public string ClaimFolder(string arm, int seed) => System.IO.Path.Combine(Path, "claims", string.Create(CultureInfo.InvariantCulture, $"{arm}-seed-{seed}"));

    /// <summary>Whether the search has finished (its report is written last).</summary>
    public bool IsFinished(string arm, int seed) => File.Exists(System.IO.Path.Combine(RunFolder(arm, seed), "best.json"));

    /// <summary>Records what the benchmark was started with; refuses a folder that holds anything else.</summary>
    public void Start(string manifestText, string manifestPath, int seeds, IReadOnlyList<string> pluginFolders)
    {
        if (File.Exists(Path))
        {
            throw new InvalidInputException($"{Path} is a file; --out names the benchmark's folder");
        }

        if (File.Exists(PlanFile))
        {
            throw new InvalidInputException($"{Path} already holds a benchmark; continue it with 'petridish benchmark --resume {Path}' or choose another --out");
        }

        // A ground-truth cache put there beforehand (results of an earlier experiment) is what the searches start from.
        if (Directory.Exists(Path) && Directory.EnumerateFileSystemEntries(Path).Any(entry => entry != SharedCache))
        {
            throw new InvalidInputException($"{Path} is not empty and holds no benchmark; a benchmark is written to a new or empty folder only (or one holding just a ground-truth.sqlite to start from), so that nothing else is overwritten: choose another --out");
        }

        Directory.CreateDirectory(Path);
        var plan = new JObject
        {
            ["manifest_path"] = System.IO.Path.GetFullPath(manifestPath),
            ["manifest_text"] = manifestText,
            ["seeds"] = seeds,
            ["plugin_folders"] = new JArray(pluginFolders.ToArray()),
        };
        AtomicFile.WriteAllText(PlanFile, plan.ToString(Formatting.Indented));
    }

    /// <summary>What the benchmark in this folder was started with.</summary>
    public (string ManifestText, string ManifestPath, int Seeds, IReadOnlyList<string> PluginFolders) Recall()
    {
        if (!File.Exists(PlanFile))
        {
            throw new InvalidInputException($"{Path} holds no benchmark ({PlanName} is missing); start one with 'petridish benchmark MANIFEST --out {Path}'");
        }

        try
        {
            var plan = JObject.Parse(File.ReadAllText(PlanFile));
            return ((string)plan["manifest_text"]!, (string)plan["manifest_path"]!, (int)plan["seeds"]!, [.. ((JArray)plan["plugin_folders"]!).Select(f => (string)f!)]);
        }
        catch (Exception ex) when (ex is JsonException or NullReferenceException or InvalidCastException or ArgumentException)
        {
            throw new InvalidInputException($"{PlanFile} is damaged ({ex.Message}); it is written once when the benchmark starts");
        }
    }
}
