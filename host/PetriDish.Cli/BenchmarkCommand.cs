using System.CommandLine;
using System.Globalization;
using PetriDish.Core;
using PetriDish.Core.Benchmarking;

namespace PetriDish.Cli;

/// <summary>
/// <c>petridish benchmark</c>: the arms of the manifest's <c>benchmark</c> section × seeds, each one
/// search with the same budget and warm-up per seed, run by parallel worker processes and resumable;
/// then regret curves with confidence bands, the arms' statistics and paired tests.
/// </summary>
internal static class BenchmarkCommand
{
    public static Command Create(CommandRunner runner)
    {
        var manifest = new Argument<string?>("manifest") { Description = "The manifest with a benchmark section (not needed with --resume).", Arity = ArgumentArity.ZeroOrOne };
        var seeds = new Option<int?>("--seeds") { Description = "Seeds per arm (default: benchmark.seeds)." };
        var jobs = new Option<int>("--jobs", "-j") { Description = "Searches run in parallel, each worker a process of its own.", DefaultValueFactory = _ => 1 };
        var output = new Option<string?>("--out", "-o") { Description = "The benchmark's folder (default: runs/benchmark-<name>-<time>)." };
        var resume = new Option<string?>("--resume") { Description = "Continue the benchmark in this folder: finished searches are kept, interrupted ones resume." };
        var worker = new Option<string?>("--worker") { Description = "Internal: run open searches of the benchmark in this folder (what --jobs starts).", Hidden = true };
        var command = new Command("benchmark", "Compare search methods (arms) over seeds: regret against evaluations with 95 % bands, final regret statistics, evaluations to reach the true top, paired Wilcoxon tests.")
        {
            manifest, seeds, jobs, output, resume, worker,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var manifestPath = parse.GetValue(manifest);
            var existing = parse.GetValue(resume) ?? parse.GetValue(worker);
            (string Text, string Path, int Seeds, IReadOnlyList<string> PluginFolders)? recalled = null;
            return runner.RunAsync(parse, () =>
            {
                if ((manifestPath is null) == (existing is null) || (parse.GetValue(resume) is not null && parse.GetValue(worker) is not null))
                {
                    throw new InvalidInputException("give a manifest to start a benchmark, or --resume FOLDER to continue one (not both)");
                }

                if (existing is null)
                {
                    return runner.Manifest(manifestPath!).PluginPaths();
                }

                recalled = new BenchmarkFolder(existing).Recall();
                return recalled.Value.PluginFolders;
            }, async (context, token) =>
            {
                if (parse.GetValue(jobs) < 1)
                {
                    throw new InvalidInputException($"--jobs must be at least 1 (got {parse.GetValue(jobs)})");
                }

                if (recalled is not null && parse.GetValue(seeds) is not null)
                {
                    throw new InvalidInputException("--seeds cannot change a benchmark being resumed; it keeps the seeds it was started with");
                }

                var loader = context.ManifestLoader;
                if (parse.GetValue(worker) is { } workerFolder)
                {
                    var plan = BenchmarkPlan.Load(loader, recalled!.Value.Text, recalled.Value.Path, recalled.Value.Seeds);
                    await BenchmarkWorker.RunAsync(plan, new BenchmarkFolder(workerFolder), loader, context.PluginFolders, context.LoggerFactory, new WorkerLines(context.Out), token).ConfigureAwait(false);
                    return ExitCodes.Success;
                }

                BenchmarkPlan validated;
                BenchmarkFolder folder;
                if (recalled is { } started)
                {
                    validated = BenchmarkPlan.Load(loader, started.Text, started.Path, started.Seeds);
                    folder = new BenchmarkFolder(existing!);
                }
                else
                {
                    var source = runner.Manifest(manifestPath!);
                    var file = source.FilePath;
                    if (!File.Exists(file))
                    {
                        throw new InvalidInputException($"manifest file not found: {file}");
                    }

                    var text = source.Text;
                    validated = BenchmarkPlan.Load(loader, source, parse.GetValue(seeds));
                    folder = new BenchmarkFolder(parse.GetValue(output) ?? Path.Combine("runs", string.Create(CultureInfo.InvariantCulture, $"benchmark-{validated.Manifest.Manifest.Name ?? Path.GetFileNameWithoutExtension(file)}-{DateTime.Now:yyyyMMdd-HHmmss}")));
                    folder.Start(text, file, validated.Seeds, context.PluginFolders);
                }

                var display = new ProgressDisplay(context.Error, context.Interactive);
                BenchmarkReport report;
                try
                {
                    report = await display.RunAsync("benchmark", sink => BenchmarkRun.ExecuteAsync(validated, folder, parse.GetValue(jobs), loader, context.PluginFolders, context.LoggerFactory, sink, token)).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (token.IsCancellationRequested)
                {
                    await context.Error.WriteLineAsync($"stopped; continue with: petridish benchmark --resume {folder.Path}").ConfigureAwait(false);
                    throw;
                }

                await context.Out.WriteAsync(report.Table).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"wrote {folder.Path}/report.md, benchmark.json, benchmark.png, evaluations.csv").ConfigureAwait(false);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>A worker's progress: one line per finished search, for its log.</summary>
    private sealed class WorkerLines(TextWriter output) : Core.Progress.IProgressSink
    {
        public void Update(double fraction, string status)
        {
        }

        public void Line(string message) => output.WriteLine($"{DateTime.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} {message}");
    }
}
