using System.CommandLine;
using PetriDish.Core;
using PetriDish.Core.Manifest;
using PetriDish.Core.Search;

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
                    return runner.Manifest(manifestPath!).PluginPaths();
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

                var validated = existing is not null ? context.LoadRunManifest(existing)
                    : context.LoadManifest(manifestPath!, parse.GetValue(seed), ManifestReads.Reference | ManifestReads.Search);
                if (existing is not null && parse.GetValue(cache) is not null)
                {
                    throw new InvalidInputException("--cache is fixed when a run starts; a resumed run uses the one it started with");
                }

                await using var run = existing is null
                    ? await SearchRun.StartAsync(validated, parse.GetValue(output), parse.GetValue(cache), context.PluginFolders, context.LoggerFactory, token).ConfigureAwait(false)
                    : await SearchRun.ResumeAsync(validated, existing.Path, context.PluginFolders, context.LoggerFactory, token).ConfigureAwait(false);
                await context.Error.WriteLineAsync($"run: {run.Description}").ConfigureAwait(false);
                var display = new ProgressDisplay(context.Error, context.Interactive);
                SearchRunResult result;
                try
                {
                    result = await display.RunAsync("search", sink => run.ExecuteAsync(sink, token)).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    await context.Error.WriteLineAsync($"stopped; continue with: petridish run --resume {run.Folder}").ConfigureAwait(false);
                    throw;
                }

                await context.Out.WriteLineAsync(result.Summary).ConfigureAwait(false);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
