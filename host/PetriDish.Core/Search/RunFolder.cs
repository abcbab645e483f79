using System.Globalization;
using Newtonsoft.Json;
using PetriDish.Abstractions;
using PetriDish.Core.Manifest;
using PetriDish.Core.Store;

namespace PetriDish.Core.Search;

/// <summary>
/// A run's folder: <c>results.sqlite</c> (the manifest as run, every evaluation, checkpoints), a copy of
/// the manifest, and the report files written at the end.
/// </summary>
/// <remarks>
/// A run comes into being atomically: its store is created as <c>results.sqlite.new</c>, given what a
/// resume needs, and only then renamed to <c>results.sqlite</c>. A process stopped before the rename
/// (a kill, a full disk, a cache that cannot be opened) leaves nothing that looks like a run, and the
/// same <c>--out</c> starts it again. A new run never writes into a folder that holds anything else, so
/// nothing outside a run folder is ever overwritten.
/// </remarks>
internal sealed class RunFolder
{
    private const string ManifestText = "manifest";
    private const string ManifestPath = "manifest-path";
    private const string PluginFolders = "plugin-folders";
    private const string MetricName = "metric";
    private const string MetricGoal = "metric-goal";
    private const string DatabaseName = "results.sqlite";
    private const string ReferenceName = "reference.csv";
    private const string ManifestCopyName = "manifest.json";
    private const string PendingName = DatabaseName + ".new";
    private const int MostDefaultAttempts = 1000;

    private RunFolder(string path) => Path = path;

    public string Path { get; }

    public string Database => DatabaseIn(Path);

    /// <summary>Where the store of a run in <paramref name="folder"/> is.</summary>
    public static string DatabaseIn(string folder) => System.IO.Path.Combine(System.IO.Path.GetFullPath(folder), DatabaseName);

    /// <summary>The copy of the manifest beside the store, for reading and for worker processes.</summary>
    public string ManifestCopy => System.IO.Path.Combine(Path, ManifestCopyName);

    /// <summary>Where the store is created before it becomes <see cref="Database"/>.</summary>
    public string PendingDatabase => System.IO.Path.Combine(Path, PendingName);

    /// <summary>
    /// The default folders of a new run, in the order to try: <c>runs/NAME-TIME</c>, then <c>-2</c>, <c>-3</c>, …
    /// (two runs started in the same second get different folders).
    /// </summary>
    public static IEnumerable<string> DefaultPaths(string manifestName)
    {
        var stem = System.IO.Path.GetFullPath(System.IO.Path.Combine("runs", $"{manifestName}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}"));
        yield return stem;
        for (var attempt = 2; attempt <= MostDefaultAttempts; attempt++)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{stem}-{attempt}");
        }
    }

    /// <summary>
    /// Why <paramref name="path"/> cannot take a new run, or null if it can: it is a file, holds a run,
    /// or holds anything but what an unfinished start of a run leaves (the lock, a pending store, the
    /// manifest copied beside it). Checked before anything is written there.
    /// </summary>
    public static string? RefusalForNew(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            return $"{full} is a file; --out names the folder a run is written to";
        }

        if (!Directory.Exists(full))
        {
            return null;
        }

        if (File.Exists(DatabaseIn(full)))
        {
            return $"{full} already holds a run; continue it with 'petridish run --resume {full}' or choose another --out";
        }

        var foreign = Foreign(full);
        return foreign.Count == 0
            ? null
            : $"{full} is not empty and holds no run ({Describe(foreign)}); a run is written to a new or empty folder only, so that nothing else is overwritten: choose another --out";
    }

    /// <summary>
    /// A new run's folder at <paramref name="path"/>, taken by this process's lock: refuses one that
    /// cannot take a run (<see cref="RefusalForNew"/>) and clears what an unfinished start left there.
    /// </summary>
    public static RunFolder Create(string path)
    {
        if (RefusalForNew(path) is { } refusal)
        {
            throw new InvalidInputException(refusal);
        }

        var folder = new RunFolder(System.IO.Path.GetFullPath(path));
        Directory.CreateDirectory(folder.Path);
        foreach (var leftover in Leftovers(folder.Path))
        {
            File.Delete(leftover);
        }

        return folder;
    }

    /// <summary>An existing run's folder.</summary>
    public static RunFolder Existing(string path)
    {
        var folder = new RunFolder(System.IO.Path.GetFullPath(path));
        if (File.Exists(folder.Database))
        {
            return folder;
        }

        throw new InvalidInputException(File.Exists(folder.PendingDatabase)
            ? $"{folder.Path} holds a run that was never completely created (the process stopped before its store was complete), so there is nothing to continue; start it again with 'petridish run MANIFEST --out {path}'"
            : $"{folder.Path} holds no run (no results.sqlite); start one with 'petridish run MANIFEST --out {path}'");
    }

    /// <summary>
    /// Whether <paramref name="database"/> is a run's own store (<c>results.sqlite</c> beside a run's
    /// lock file, which every run folder keeps), which only that run may write: not a cache, not an
    /// evaluate target.
    /// </summary>
    public static bool IsRunStore(string database)
    {
        var full = System.IO.Path.GetFullPath(database);
        var folder = System.IO.Path.GetDirectoryName(full)!;
        return string.Equals(System.IO.Path.GetFileName(full), DatabaseName, StringComparison.Ordinal)
            && File.Exists(System.IO.Path.Combine(folder, RunFolderLock.LockName));
    }

    /// <summary>
    /// Creates the run's store atomically: <paramref name="initialize"/> writes what a new run records
    /// into the pending store, which is closed and only then renamed to <see cref="Database"/>.
    /// </summary>
    public ResultsStore CreateStore(Action<ResultsStore> initialize)
    {
        ArgumentNullException.ThrowIfNull(initialize);
        using (var pending = ResultsStore.Open(PendingDatabase))
        {
            initialize(pending);
        }

        // Closing the last connection checkpoints the write-ahead log into the file and removes it, so
        // the file alone is the whole store when it is renamed.
        if (File.Exists(PendingDatabase + "-wal") && new FileInfo(PendingDatabase + "-wal").Length > 0)
        {
            throw new IOException($"{PendingDatabase}: its write-ahead log was not checkpointed on closing; the run was not created");
        }

        File.Move(PendingDatabase, Database);
        return ResultsStore.Open(Database);
    }

    /// <summary>The copy of the reference curve the run kept when it started, or null.</summary>
    public string? KeptReference
    {
        get
        {
            var kept = System.IO.Path.Combine(Path, ReferenceName);
            return File.Exists(kept) ? kept : null;
        }
    }

    /// <summary>
    /// Keeps a copy of the manifest's reference curve in the run folder, so that a resume and its
    /// report read the curve the run started with wherever the manifest's folder has gone since.
    /// </summary>
    public void KeepReference(string? referencePath)
    {
        if (referencePath is not null && File.Exists(referencePath))
        {
            File.Copy(referencePath, System.IO.Path.Combine(Path, ReferenceName), overwrite: true);
        }
    }

    /// <summary>
    /// Stores what a resume needs to rebuild the run exactly (the manifest text, its path, the plugin
    /// folders) and what a reader needs without loading plugins (the ground truth's metric and goal).
    /// </summary>
    public static void Remember(ResultsStore store, string manifestText, string manifestPath, IEnumerable<string> pluginFolders, GroundTruthMetric metric, string folder)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(metric);
        store.SetMeta(MetricName, metric.Name);
        store.SetMeta(MetricGoal, metric.Goal.ToString().ToLowerInvariant());
        store.SetMeta(ManifestText, manifestText);
        store.SetMeta(ManifestPath, manifestPath);
        store.SetMeta(PluginFolders, JsonConvert.SerializeObject(pluginFolders));
        store.SetMeta("created", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        store.SetMeta("petridish-version", typeof(RunFolder).Assembly.GetName().Version?.ToString() ?? "");
        File.WriteAllText(System.IO.Path.Combine(folder, ManifestCopyName), manifestText);
    }

    /// <summary>
    /// Refuses to continue a run whose <c>manifest.json</c> was edited: a run resumes with the manifest
    /// it was started with (kept in its store), and an edited copy would otherwise be ignored in silence
    /// by this process and read by its worker processes.
    /// </summary>
    public void CheckManifestCopy(string startedWith)
    {
        var copy = ManifestCopy;
        if (!File.Exists(copy))
        {
            File.WriteAllText(copy, startedWith);
            return;
        }

        if (!string.Equals(File.ReadAllText(copy), startedWith, StringComparison.Ordinal))
        {
            throw new InvalidInputException($"{copy} was changed after the run started; a run continues with the manifest it was started with (kept in results.sqlite). " +
                "Undo the change to continue it, or start a new run with the changed manifest");
        }
    }

    /// <summary>
    /// The manifest the run was started with, validated by <paramref name="loader"/> as the file it was
    /// read from, with the reference curve the run kept (<see cref="KeptReference"/>).
    /// </summary>
    internal ValidatedManifest LoadManifest(ManifestLoader loader)
    {
        ArgumentNullException.ThrowIfNull(loader);
        var (text, path, _) = Recall();
        return loader.Load(ManifestSource.FromText(text, path), KeptReference);
    }

    /// <summary>The manifest text, path and plugin folders a run was started with.</summary>
    public (string Text, string Path, IReadOnlyList<string> PluginFolders) Recall()
    {
        using var store = ResultsStore.OpenReadOnly(Database);
        var text = store.GetMeta(ManifestText) ?? throw new InvalidInputException($"{Database} does not record its manifest; it was not written by 'petridish run'");
        var path = store.GetMeta(ManifestPath) ?? ManifestCopy;
        var folders = JsonConvert.DeserializeObject<List<string>>(store.GetMeta(PluginFolders) ?? "[]") ?? [];
        return (text, path, folders);
    }

    /// <summary>
    /// The ground truth's metric as the run recorded it when it started, or null for a run started
    /// before runs recorded it (then only its plugins know whether higher is better).
    /// </summary>
    public static GroundTruthMetric? RecalledMetric(ResultsStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.GetMeta(MetricName) is { } name && Enum.TryParse<MetricGoal>(store.GetMeta(MetricGoal), ignoreCase: true, out var goal)
            ? new GroundTruthMetric(name, goal)
            : null;
    }

    /// <summary>
    /// The files an unfinished start leaves that a new start removes: the pending store, and the
    /// manifest and reference curve copied beside it. (The lock files stay: removing a held lock file would let a second
    /// process lock a new one.)
    /// </summary>
    private static List<string> Leftovers(string folder)
    {
        var pending = new[] { PendingName, PendingName + "-wal", PendingName + "-shm", PendingName + "-journal" };
        var names = pending.ToList();
        if (pending.Any(p => File.Exists(System.IO.Path.Combine(folder, p))))
        {
            names.Add(ManifestCopyName);
            names.Add(ReferenceName);
        }

        return [.. names.Select(n => System.IO.Path.Combine(folder, n)).Where(File.Exists)];
    }

    /// <summary>What the folder holds besides the lock files and an unfinished start's leftovers.</summary>
    private static List<string> Foreign(string folder)
    {
        var ours = Leftovers(folder).ToHashSet(StringComparer.Ordinal);
        ours.Add(System.IO.Path.Combine(folder, RunFolderLock.LockName));
        ours.Add(System.IO.Path.Combine(folder, RunFolderLock.OwnerName));
        return [.. Directory.EnumerateFileSystemEntries(folder).Where(e => !ours.Contains(e)).Select(System.IO.Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal)];
    }

    private static string Describe(List<string> names) =>
        names.Count <= 3 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))} and {names.Count - 3} more";
}
