using Microsoft.Extensions.Logging;
using PetriDish.Abstractions;
using PetriDish.Core.Evaluation;
using PetriDish.Core.Execution;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Core.Store;
using PetriDish.Core.Torch;
using PetriDish.Sdk;

namespace PetriDish.Core.Search;

/// <summary>
/// One search in its run folder, opened and ready to execute: the folder locked for this process, its
/// results store, the optimizer, the screening surrogate and the executor. <c>petridish run</c> and
/// <see cref="PetriDishSession"/> both open searches here. Disposing releases everything, the lock last.
/// </summary>
public sealed class SearchRun : IAsyncDisposable
{
    private const string SharedCacheKey = "shared-cache";

    private readonly ValidatedManifest _manifest;
    private readonly RunFolderLock _lock;
    private readonly ResultsStore _store;
    private readonly ResultsStore? _shared;
    private readonly IOptimizer _optimizer;
    private readonly ISurrogate? _surrogate;
    private readonly GroundTruthService _groundTruth;
    private readonly IEvaluationExecutor _executor;
    private readonly SearchComponents _components;

    private SearchRun(ValidatedManifest manifest, RunFolder folder, RunFolderLock folderLock, ResultsStore store, ResultsStore? shared, IReadOnlyList<string> pluginFolders, ILoggerFactory loggerFactory)
    {
        _manifest = manifest;
        Folder = folder.Path;
        _lock = folderLock;
        _store = store;
        _shared = shared;
        var space = manifest.SearchSpaceInstance;
        var optimizerPlugin = manifest.Optimizer!;
        var screening = manifest.Manifest.Search.Surrogate is { } name ? manifest.FindSurrogate(name) : null;
        _optimizer = manifest.Components.CreateOptimizer(optimizerPlugin, space, manifest.Context);
        try
        {
            _surrogate = screening is null ? null : manifest.Components.CreateSurrogate(screening, space, manifest.Context with { Seed = Seeds.Derive(manifest.Manifest.Seed, "surrogate") });
            _groundTruth = new GroundTruthService(space.GroundTruth, store, manifest.Manifest.Search.Retries, loggerFactory.CreateLogger("ground-truth"), shared);
            var launch = new WorkerLaunch(folder.ManifestCopy, manifest.BaseDirectory, pluginFolders, Path.Combine(folder.Path, "jobs"));
            _executor = manifest.ExecutorSettings switch
            {
                SlurmExecutorSettings slurm => new SlurmExecutor(_groundTruth, launch, slurm, folder.Path),
                LocalExecutorSettings { Workers: > 1 } local => new ProcessExecutor(_groundTruth, launch, local.Workers),
                _ => new LocalExecutor(_groundTruth),
            };
        }
        catch
        {
            // A constructor that throws hands nothing to its caller to dispose: release what it created.
            _surrogate?.Dispose();
            _optimizer.Dispose();
            throw;
        }

        _components = new SearchComponents(space, manifest.SearchSpace.Entry.Id, _optimizer, optimizerPlugin.Entry.Id, _surrogate, screening?.Name);
        Description = $"{folder.Path} — {space.Description}; optimizer {optimizerPlugin.Entry.Id}; surrogate {screening?.Name ?? "none"}; executor {_executor.Description}";
    }

    /// <summary>The run folder.</summary>
    public string Folder { get; }

    /// <summary>One line: the folder, the search space, the optimizer, the screening surrogate and the executor.</summary>
    public string Description { get; }

    /// <summary>
    /// Starts a new search in <paramref name="folder"/> (null: <c>runs/&lt;name&gt;-&lt;time&gt;</c>), which must not
    /// hold a run. <paramref name="sharedCache"/> names a ground-truth database shared between runs;
    /// <paramref name="pluginFolders"/> are the plugin folders beyond the host's own (for worker processes).
    /// </summary>
    public static async Task<SearchRun> StartAsync(ValidatedManifest manifest, string? folder, string? sharedCache, IReadOnlyList<string> pluginFolders, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        await CheckRunnableAsync(manifest, cancellationToken).ConfigureAwait(false);

        if (sharedCache is not null)
        {
            CheckSharedCache(sharedCache, folder);
        }

        void Initialize(ResultsStore store, RunFolder created)
        {
            created.KeepReference(manifest.ReferencePath);
            RunFolder.Remember(store, manifest.Text, manifest.FilePath, manifest.PluginFolders, manifest.SearchSpaceInstance.GroundTruth.Metric, created.Path);
            if (sharedCache is not null)
            {
                store.SetMeta(SharedCacheKey, Path.GetFullPath(sharedCache));
            }
        }

        var folderLock = folder is not null ? LockNewFolder(folder) : LockDefaultFolder(manifest.Manifest.Name ?? Path.GetFileNameWithoutExtension(manifest.FilePath));
        return OpenLocked(manifest, folderLock, RunFolder.Create, created => created.CreateStore(store => Initialize(store, created)), pluginFolders, loggerFactory);
    }

    /// <summary>
    /// Reopens the search in <paramref name="folder"/> to continue where it stopped. <paramref name="manifest"/>
    /// is the one it was started with (<see cref="RunFolder.Recall"/>), validated against the loaded plugins.
    /// </summary>
    public static async Task<SearchRun> ResumeAsync(ValidatedManifest manifest, string folder, IReadOnlyList<string> pluginFolders, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var existing = RunFolder.Existing(folder);
        existing.CheckManifestCopy(manifest.Text);
        await CheckRunnableAsync(manifest, cancellationToken).ConfigureAwait(false);
        return OpenLocked(manifest, RunFolderLock.Acquire(existing.Path), _ => existing, resumed => ResultsStore.Open(resumed.Database), pluginFolders, loggerFactory);
    }

    /// <summary>
    /// Runs the search to its budget (or until cancelled: finished evaluations stay stored, and the run
    /// resumes from them), then writes the report, <c>best.json</c> and the plot, and returns the
    /// one-line summary.
    /// </summary>
    public async Task<SearchRunResult> ExecuteAsync(IProgressSink? progress, CancellationToken cancellationToken)
    {
        TorchRuntime.SetThreads(_manifest.Manifest.Threads);
        CheckGroundTruthUnchanged();
        var outcome = await new SearchLoop(_manifest, _components, _groundTruth, _executor, _store, progress ?? NullProgressSink.Instance).RunAsync(cancellationToken).ConfigureAwait(false);
        string summary;
        try
        {
            summary = RunReport.Write(Folder, _manifest, _store, outcome, _groundTruth.Metric, _groundTruth.Configuration, _executor.Description);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The search itself is done and stored; only its report is missing, and a resume writes it.
            throw new IOException($"the search is done and every evaluation is stored, but its report could not be written in {Folder} ({ex.Message}); " +
                $"free space (or fix the folder), then 'petridish run --resume {Folder}' writes it", ex);
        }

        return new SearchRunResult(Folder, outcome, summary);
    }

    /// <summary>
    /// A run measures every motif under one ground truth. Its configuration key fingerprints the data
    /// the search space reads (a table, a corpus) and its recipe: if that changed since the run's
    /// evaluations were stored (a data file edited or replaced), continuing would mix two ground truths
    /// in one run, so it is refused, naming both.
    /// </summary>
    private void CheckGroundTruthUnchanged()
    {
        var current = _groundTruth.Configuration;
        var earlier = _store.EvaluatedConfigurations().Where(c => c.Hash != current).ToList();
        if (earlier.Count > 0)
        {
            throw new InvalidInputException(
                $"the ground truth of the run in {Folder} changed since its evaluations were stored: they were measured under " +
                $"'{earlier[0].Key}', the search space now gives '{_groundTruth.ConfigurationKey}'. " +
                "Put its data back as they were to continue it, or start a new run");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _executor.DisposeAsync().ConfigureAwait(false);
        _surrogate?.Dispose();
        _optimizer.Dispose();
        _shared?.Dispose();
        _store.SettleForReading();
        _store.Dispose();
        _lock.Dispose();
    }

    /// <summary>
    /// Opens the run in the folder <paramref name="folderLock"/> holds (a second process on it, a second
    /// --resume or --out on a running run, is stopped at the lock, naming the first): the folder
    /// (<paramref name="folderAt"/>), its store (<paramref name="openStore"/>, which creates a new run's)
    /// and the shared cache the store names. On any failure releases what was taken.
    /// </summary>
    private static SearchRun OpenLocked(ValidatedManifest manifest, RunFolderLock folderLock, Func<string, RunFolder> folderAt, Func<RunFolder, ResultsStore> openStore, IReadOnlyList<string> pluginFolders, ILoggerFactory loggerFactory)
    {
        ResultsStore? store = null;
        ResultsStore? shared = null;
        try
        {
            var folder = folderAt(folderLock.Folder);
            store = openStore(folder);
            shared = store.GetMeta(SharedCacheKey) is { } sharedPath ? ResultsStore.Open(sharedPath) : null;
            return new SearchRun(manifest, folder, folderLock, store, shared, pluginFolders, loggerFactory);
        }
        catch
        {
            shared?.Dispose();
            store?.Dispose();
            folderLock.Dispose();
            throw;
        }
    }

    /// <summary>Locks the folder a new run was asked to go to (--out), which must be able to take a run.</summary>
    private static RunFolderLock LockNewFolder(string folder)
    {
        // Refused before the lock is taken, so that nothing (not even the lock file) is written into
        // a folder that cannot take a run.
        if (RunFolder.RefusalForNew(folder) is { } refusal)
        {
            // A run that is running is named by its process, which says more than "holds a run".
            throw RunFolderLock.Holder(folder) is { } owner ? RunFolderLock.InUse(Path.GetFullPath(folder), owner) : new InvalidInputException(refusal);
        }

        return RunFolderLock.Acquire(Path.GetFullPath(folder));
    }

    /// <summary>
    /// Locks the default folder of a new run: the first of runs/NAME-TIME, -2, -3, … that is new and
    /// that this process locks first (another run started in the same second takes the next one).
    /// </summary>
    private static RunFolderLock LockDefaultFolder(string name)
    {
        foreach (var candidate in RunFolder.DefaultPaths(name))
        {
            if (Directory.Exists(candidate) || File.Exists(candidate))
            {
                continue;
            }

            var taken = RunFolderLock.TryAcquire(candidate);
            if (taken is null)
            {
                continue;
            }

            if (RunFolder.RefusalForNew(candidate) is null)
            {
                return taken;
            }

            taken.Dispose();
        }

        throw new InvalidInputException("every default run folder for this second is taken; give one with --out");
    }

    /// <summary>
    /// Refuses a shared cache that is a run's own store (the run's rows would be written twice, or
    /// another run's rows added to it) or that cannot be opened as a results store, before the run is
    /// created, so that a bad --cache leaves no run behind.
    /// </summary>
    private static void CheckSharedCache(string sharedCache, string? folder)
    {
        var full = Path.GetFullPath(sharedCache);
        if (RunFolder.IsRunStore(full) || (folder is not null && string.Equals(full, RunFolder.DatabaseIn(folder), StringComparison.Ordinal)))
        {
            throw new InvalidInputException($"--cache {sharedCache} is a run's own results store, which only that run writes; give the runs a separate cache file (e.g. runs/cache.sqlite)");
        }

        ResultsStore.Open(full).Dispose();
    }

    private static async Task CheckRunnableAsync(ValidatedManifest manifest, CancellationToken cancellationToken)
    {
        var errors = new List<ManifestError>();
        var file = manifest.FilePath;
        if (manifest.Optimizer is null)
        {
            errors.Add(new ManifestError(file, "$.optimizer", null, "a search needs an optimizer (e.g. { \"plugin\": \"random-search\" })"));
        }

        // The budget and the warm-up motifs are checked with the manifest (ManifestLoader), so that
        // validate refuses them too; a manifest without an optimizer is valid for compare and rank.
        if (errors.Count == 0 && manifest.ExecutorSettings is SlurmExecutorSettings && await SlurmExecutor.CheckClusterAsync(cancellationToken).ConfigureAwait(false) is { } problem)
        {
            errors.Add(new ManifestError(manifest.FilePath, "$.executor", null, $"the slurm executor cannot be used: {problem}"));
        }

        if (errors.Count > 0)
        {
            throw new ManifestValidationException(errors);
        }
    }
}
