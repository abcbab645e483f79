using System.CommandLine;
using PetriDish.Abstractions;
using PetriDish.Core;
using PetriDish.Core.Evaluation;
using PetriDish.Core.Execution;
using PetriDish.Core.Manifest;
using PetriDish.Core.Search;
using PetriDish.Core.Store;
using PetriDish.Core.Torch;
using PetriDish.Sdk;

namespace PetriDish.Cli;

/// <summary>
/// <c>petridish run</c>: a surrogate-assisted search, committed to a SQLite database as it goes and
/// resumable with <c>--resume</c> after any interruption.
/// </summary>
internal static class RunCommand
{
    public static Command Create(CommandRunner runner)
    {
        var manifest = new Argument<string?>("manifest") { Description = "The experiment manifest (not needed with --resume).", Arity = ArgumentArity.ZeroOrOne };
        var output = new Option<string?>("--out", "-o") { Description = "The run folder (default: runs/<name>-<time>)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the run in this folder where it stopped." };
        var seed = new Option<int?>("--seed") { Description = "Use this seed instead of the manifest's (to repeat an experiment over seeds)." };
        var cache = new Option<string?>("--cache") { Description = "A ground-truth database shared between runs (e.g. the methods and seeds of one experiment): consulted before evaluating, given every new result." };
        var command = new Command("run", "Search: warm-up ground truth, then per iteration the optimizer proposes, the surrogate screens, the best get ground truth.")
        {
            manifest, output, resume, seed, cache,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var manifestPath = parse.GetValue(manifest);
            var resumeFolder = parse.GetValue(resume);
            RunFolder? existing = null;
            (string Text, string Path, IReadOnlyList<string> PluginFolders)? recalled = null;
            return runner.RunAsync(parse, () =>
            {
                if ((manifestPath is null) == (resumeFolder is null))
                {
                    throw new InvalidInputException("give a manifest to start a run, or --resume FOLDER to continue one (not both)");
                }

                if (resumeFolder is null)
                {
                    return ManifestPeek.PluginPaths(manifestPath);
                }

                existing = RunFolder.Existing(resumeFolder);
                recalled = existing.Recall();
                return recalled.Value.PluginFolders;
            }, async (context, token) =>
            {
                if (recalled is not null && parse.GetValue(seed) is not null)
                {
                    throw new InvalidInputException("--seed cannot change a run being resumed; it keeps the seed it was started with");
                }

                var validated = recalled is { } r ? context.LoadManifest(r.Text, r.Path)
                    : context.LoadManifest(manifestPath!, parse.GetValue(seed));
                CheckRunnable(validated);
                if (validated.ExecutorSettings is SlurmExecutorSettings && await SlurmExecutor.CheckClusterAsync(token).ConfigureAwait(false) is { } problem)
                {
                    throw new ManifestValidationException([new ManifestError(validated.FilePath, "$.executor", null, $"the slurm executor cannot be used: {problem}")]);
                }

                // The folder is locked before anything in it is read or written: a second process
                // on it (a second --resume, or --out on a running run) stops here, naming the first.
                var folderPath = existing?.Path ?? RunFolder.PathFor(parse.GetValue(output), validated.Manifest.Name ?? Path.GetFileNameWithoutExtension(validated.FilePath));
                using var folderLock = RunFolderLock.Acquire(folderPath);
                var folder = existing ?? RunFolder.Create(folderPath);
                using var store = ResultsStore.Open(folder.Database);
                if (existing is null)
                {
                    RunFolder.Remember(store, validated.Text, validated.FilePath, ManifestPeek.PluginPaths(validated.FilePath), folder.Path);
                    if (parse.GetValue(cache) is { } cachePath)
                    {
                        store.SetMeta(SharedCacheKey, Path.GetFullPath(cachePath));
                    }
                }
                else if (parse.GetValue(cache) is not null)
                {
                    throw new InvalidInputException("--cache is fixed when a run starts; a resumed run uses the one it started with");
                }

                using var shared = store.GetMeta(SharedCacheKey) is { } sharedPath ? ResultsStore.Open(sharedPath) : null;
                TorchRuntime.SetThreads(validated.Manifest.Threads);
                var launch = new WorkerLaunch(Path.Combine(folder.Path, "manifest.json"), validated.BaseDirectory, context.PluginFolders, Path.Combine(folder.Path, "jobs"));
                return await RunAsync(context, validated, folder, store, shared, launch, token).ConfigureAwait(false);
            }, cancellationToken);
        });
        return command;
    }

    private const string SharedCacheKey = "shared-cache";

    private static async Task<int> RunAsync(CommandContext context, ValidatedManifest validated, RunFolder folder, ResultsStore store, ResultsStore? shared, WorkerLaunch launch, CancellationToken cancellationToken)
    {
        var space = validated.SearchSpaceInstance;
        var optimizerPlugin = validated.Optimizer!;
        var optimizer = ((IOptimizerPlugin)optimizerPlugin.Entry).Create(optimizerPlugin.Settings, space, validated.Context);
        var screening = validated.Manifest.Search.Surrogate is { } name ? validated.FindSurrogate(name) : null;
        var surrogate = screening is null ? null : ((ISurrogatePlugin)screening.Entry).Create(screening.Settings, space, validated.Context with { Seed = Seeds.Derive(validated.Manifest.Seed, "surrogate") });
        try
        {
            var groundTruth = new GroundTruthService(space.GroundTruth, store, validated.Manifest.Search.Retries, context.LoggerFactory.CreateLogger("ground-truth"), shared);
            await using IEvaluationExecutor executor = validated.ExecutorSettings switch
            {
                SlurmExecutorSettings slurm => new SlurmExecutor(groundTruth, launch, slurm, folder.Path),
                LocalExecutorSettings { Workers: > 1 } local => new ProcessExecutor(groundTruth, launch, local.Workers),
                _ => new LocalExecutor(groundTruth),
            };
            var components = new SearchComponents(space, optimizer, optimizerPlugin.Entry.Id, surrogate, screening?.Name);
            await context.Error.WriteLineAsync($"run: {folder.Path} — {space.Description}; optimizer {optimizerPlugin.Entry.Id}; surrogate {screening?.Name ?? "none"}; executor {executor.Description}").ConfigureAwait(false);
            var display = new ProgressDisplay(context.Error, context.Interactive);
            SearchOutcome outcome;
            try
            {
                outcome = await display.RunAsync("search", sink => new SearchLoop(validated, components, groundTruth, executor, store, sink).RunAsync(cancellationToken)).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                await context.Error.WriteLineAsync($"stopped; continue with: petridish run --resume {folder.Path}").ConfigureAwait(false);
                throw;
            }

            var summary = RunReport.Write(folder.Path, validated, store, outcome, groundTruth.Metric, groundTruth.Configuration, executor.Description);
            await context.Out.WriteLineAsync(summary).ConfigureAwait(false);
            return ExitCodes.Success;
        }
        finally
        {
            surrogate?.Dispose();
            optimizer?.Dispose();
        }
    }

    private static void CheckRunnable(ValidatedManifest manifest)
    {
        var errors = new List<ManifestError>();
        var file = manifest.FilePath;
        if (manifest.Optimizer is null)
        {
            errors.Add(new ManifestError(file, "$.optimizer", null, "a search needs an optimizer (e.g. { \"plugin\": \"random-search\" })"));
        }

        var budget = manifest.Manifest.Search.Budget;
        if (budget.Evaluations is null && budget.Iterations is null && budget.WallTimeSeconds is null)
        {
            errors.Add(new ManifestError(file, "$.search.budget", null, "give at least one of evaluations, iterations or wallTimeSeconds, or the search never stops"));
        }

        foreach (var key in manifest.Manifest.Search.WarmupMotifs)
        {
            try
            {
                manifest.SearchSpaceInstance.Parse(key);
            }
            catch (MotifFormatException ex)
            {
                errors.Add(new ManifestError(file, "$.search.warmupMotifs", manifest.SearchSpace.Entry.Id, ex.Message));
            }
        }

        if (errors.Count > 0)
        {
            throw new ManifestValidationException(errors);
        }
    }
}
