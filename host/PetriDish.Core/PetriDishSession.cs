using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PetriDish.Core.Comparison;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;
using PetriDish.Core.Progress;
using PetriDish.Core.Search;
using PetriDish.Core.Store;
using PetriDish.Core.Torch;

namespace PetriDish.Core;

/// <summary>
/// PetriDish from C#: the plugins loaded once, then manifests validated, searches run or resumed,
/// surrogates compared and runs read, through the same parts <c>petridish</c> uses.
/// </summary>
/// <example>
/// <code>
/// var session = PetriDishSession.Create(pluginFolders: ["/path/to/petridish/plugins"]);
/// var manifest = session.LoadManifest("sigmoid-slope.json");
/// var result = await session.Search(manifest).InFolder("runs/demo").WithProgress(progress).RunAsync(cancellationToken);
/// logger.LogInformation("{Summary}", result.Summary);
/// foreach (var evaluation in PetriDishSession.ReadEvaluations(result.Folder)) { ... }
/// </code>
/// </example>
public sealed class PetriDishSession
{
    private readonly ILoggerFactory _loggerFactory;
    private readonly IReadOnlyList<string> _extraFolders;
    private readonly ManifestLoader _loader;

    private PetriDishSession(PluginCatalog plugins, IReadOnlyList<string> extraFolders, ILoggerFactory loggerFactory)
    {
        Plugins = plugins;
        _extraFolders = extraFolders;
        _loggerFactory = loggerFactory;

        // The same composition as the petridish command's host: the plugins keyed by id, one activator.
        var services = new ServiceCollection().AddSingleton(loggerFactory).AddPetriDish(plugins)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _loader = services.GetRequiredService<ManifestLoader>();
    }

    /// <summary>Every plugin loaded, and every plugin assembly that failed to load with why.</summary>
    public PluginCatalog Plugins { get; }

    /// <summary>
    /// Loads the plugins of <paramref name="pluginFolders"/> (each folder, and each sub-folder, holding
    /// plugin assemblies), after the <c>plugins</c> folder beside the running application if there is one
    /// (where the petridish tool keeps its built-in plugins). Nothing is logged without a <paramref name="loggerFactory"/>.
    /// </summary>
    public static PetriDishSession Create(IEnumerable<string>? pluginFolders = null, ILoggerFactory? loggerFactory = null)
    {
        var extra = (pluginFolders ?? []).Select(Path.GetFullPath).Distinct().ToList();
        IReadOnlyList<string> folders = [.. Directory.Exists(PluginCatalogLoader.DefaultFolder) ? [PluginCatalogLoader.DefaultFolder] : Array.Empty<string>(), .. extra];
        return new PetriDishSession(PluginCatalogLoader.Load(folders), extra, loggerFactory ?? NullLoggerFactory.Instance);
    }

    /// <summary>Loads and validates a manifest (JSON with comments); <paramref name="seed"/> replaces its seed. Throws <see cref="ManifestValidationException"/> listing every problem with file, line and JSON path.</summary>
    public ValidatedManifest LoadManifest(string path, int? seed = null) => _loader.Load(path, seed);

    /// <summary>Validates manifest text as if it were the file at <paramref name="path"/> (relative paths resolve against its folder).</summary>
    public ValidatedManifest LoadManifestText(string text, string path) => _loader.Load(text, path);

    /// <summary>
    /// Validates a manifest built in code, exactly as if it were written to a file named after it
    /// (<c>&lt;name&gt;.json</c>) in <paramref name="baseDirectory"/>, which its relative paths resolve
    /// against; errors name that file and the JSON path. A search of it stores the same text a file would give.
    /// </summary>
    /// <example>
    /// <code>
    /// var manifest = session.LoadManifest(new ExperimentManifest
    /// {
    ///     Name = "slopes",
    ///     SearchSpace = PluginReference.Create("activation", new { family = "sigmoid-slope", range = new[] { 0.01, 2.01 } }),
    ///     Surrogates = [SurrogateReference.Create("petri-dish")],
    ///     Optimizer = PluginReference.Create("random-search"),
    ///     Search = new SearchOptions { Surrogate = "petri-dish", Budget = new SearchBudget { Evaluations = 30 } },
    /// }, baseDirectory: "experiments");
    /// </code>
    /// </example>
    public ValidatedManifest LoadManifest(ExperimentManifest manifest, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var path = Path.Combine(Path.GetFullPath(baseDirectory), (manifest.Name ?? "experiment") + ".json");
        return _loader.Load(ManifestSource.FromText(ManifestJson.Write(manifest), path));
    }

    /// <summary>
    /// Opens a new search in <paramref name="folder"/> (null: <c>runs/&lt;name&gt;-&lt;time&gt;</c>) without running it:
    /// execute it with <see cref="SearchRun.ExecuteAsync"/>, and dispose it to release the folder.
    /// </summary>
    public Task<SearchRun> StartSearchAsync(ValidatedManifest manifest, string? folder = null, string? sharedCache = null, CancellationToken cancellationToken = default) =>
        SearchRun.StartAsync(manifest, folder, sharedCache, _extraFolders, _loggerFactory, cancellationToken);

    /// <summary>Reopens the search in <paramref name="folder"/> to continue where it stopped, with the manifest it was started with.</summary>
    public Task<SearchRun> ResumeSearchAsync(string folder, CancellationToken cancellationToken = default)
    {
        var manifest = RunFolder.Existing(folder).LoadManifest(_loader);
        return SearchRun.ResumeAsync(manifest, folder, _extraFolders, _loggerFactory, cancellationToken);
    }

    /// <summary>
    /// Runs a search to its budget in <paramref name="folder"/>. Cancelling stops it with every finished
    /// evaluation stored (an <see cref="OperationCanceledException"/>); <see cref="ResumeSearchAsync"/> continues it.
    /// </summary>
    public Task<SearchRunResult> RunSearchAsync(ValidatedManifest manifest, string? folder = null, IProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        var search = Search(manifest);
        search = folder is null ? search : search.InFolder(folder);
        return (progress is null ? search : search.WithProgress(progress)).RunAsync(cancellationToken);
    }

    /// <summary>A search of <paramref name="manifest"/>, to configure step by step and run (<see cref="SearchBuilder"/>).</summary>
    public SearchBuilder Search(ValidatedManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        return new SearchBuilder(this, manifest);
    }

    /// <summary>Continues the search in <paramref name="folder"/> to its budget.</summary>
    public async Task<SearchRunResult> ResumeAndRunSearchAsync(string folder, IProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        await using var run = await ResumeSearchAsync(folder, cancellationToken).ConfigureAwait(false);
        return await run.ExecuteAsync(progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Fits each surrogate of the manifest (or those named) on the training observations, once per seed,
    /// and ranks the test observations: Kendall τ, Spearman ρ, precision@k, top-1 regret and time, per
    /// surrogate (<c>petridish compare</c>, without its report files; see <see cref="ComparisonReport"/>).
    /// </summary>
    public Task<ComparisonResult> CompareAsync(ValidatedManifest manifest, int? seeds = null, IReadOnlyList<string>? surrogates = null, IProgressSink? progress = null, CancellationToken cancellationToken = default)
    {
        var plan = ComparisonPlan.For(manifest, null, seeds, surrogates);
        TorchRuntime.SetThreads(manifest.Manifest.Threads);
        return SurrogateComparison.RunAsync(manifest, plan.Surrogates, plan.Observations, plan.Split, plan.Seeds, progress ?? NullProgressSink.Instance, cancellationToken);
    }

    /// <summary>Every ground-truth evaluation a run has stored (completed and failed), in the order they were stored.</summary>
    public static IReadOnlyList<EvaluationRecord> ReadEvaluations(string runFolder)
    {
        var folder = RunFolder.Existing(runFolder);
        using var store = ResultsStore.OpenReadOnly(folder.Database);
        return store.Evaluations();
    }
}
