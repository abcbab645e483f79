using System.Globalization;
using Newtonsoft.Json;
using PetriDish.Core.Store;

namespace PetriDish.Core.Search;

/// <summary>
/// A run's folder: <c>results.sqlite</c> (the manifest as run, every evaluation, checkpoints), a copy of
/// the manifest, and the report files written at the end.
/// </summary>
public sealed class RunFolder
{
    private const string ManifestText = "manifest";
    private const string ManifestPath = "manifest-path";
    private const string PluginFolders = "plugin-folders";

    private RunFolder(string path) => Path = path;

    public string Path { get; }

    public string Database => System.IO.Path.Combine(Path, "results.sqlite");

    /// <summary>The folder a new run goes to: the requested one, or <c>runs/NAME-TIME</c>.</summary>
    public static string PathFor(string? requested, string manifestName) =>
        System.IO.Path.GetFullPath(requested ?? System.IO.Path.Combine("runs", $"{manifestName}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"));

    /// <summary>A new run's folder at <paramref name="path"/> (see <see cref="PathFor"/>); refuses one that already holds a run.</summary>
    public static RunFolder Create(string path)
    {
        var folder = new RunFolder(System.IO.Path.GetFullPath(path));
        if (File.Exists(folder.Database))
        {
            throw new InvalidInputException($"{folder.Path} already holds a run; continue it with 'petridish run --resume {folder.Path}' or choose another --out");
        }

        Directory.CreateDirectory(folder.Path);
        return folder;
    }

    /// <summary>An existing run's folder.</summary>
    public static RunFolder Existing(string path)
    {
        var folder = new RunFolder(System.IO.Path.GetFullPath(path));
        return File.Exists(folder.Database)
            ? folder
            : throw new InvalidInputException($"{folder.Path} holds no run (no results.sqlite); start one with 'petridish run MANIFEST --out {path}'");
    }

    /// <summary>Stores what a resume needs to rebuild the run exactly: the manifest text, its path, the plugin folders.</summary>
    public static void Remember(ResultsStore store, string manifestText, string manifestPath, IEnumerable<string> pluginFolders, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        store.SetMeta(ManifestText, manifestText);
        store.SetMeta(ManifestPath, manifestPath);
        store.SetMeta(PluginFolders, JsonConvert.SerializeObject(pluginFolders));
        store.SetMeta("created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        store.SetMeta("petridish-version", typeof(RunFolder).Assembly.GetName().Version?.ToString() ?? "");
        File.WriteAllText(System.IO.Path.Combine(folder, "manifest.json"), manifestText);
    }

    /// <summary>The manifest text, path and plugin folders a run was started with.</summary>
    public (string Text, string Path, IReadOnlyList<string> PluginFolders) Recall()
    {
        using var store = ResultsStore.OpenReadOnly(Database);
        var text = store.GetMeta(ManifestText) ?? throw new InvalidInputException($"{Database} does not record its manifest; it was not written by 'petridish run'");
        var path = store.GetMeta(ManifestPath) ?? System.IO.Path.Combine(Path, "manifest.json");
        var folders = JsonConvert.DeserializeObject<List<string>>(store.GetMeta(PluginFolders) ?? "[]") ?? [];
        return (text, path, folders);
    }
}
