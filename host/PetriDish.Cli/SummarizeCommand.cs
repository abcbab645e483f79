using System.CommandLine;
using PetriDish.Core.Search;

namespace PetriDish.Cli;

/// <summary><c>petridish summarize</c>: several runs side by side (methods × seeds), as table, CSV and plot.</summary>
internal static class SummarizeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var folders = new Argument<string[]>("runs") { Description = "Run folders; runs of the same manifest name form one method.", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out", "-o") { Description = "Folder for summary.md, summary.csv (best so far per evaluation), runs.csv (each run's final pick), summary.json and summary.png.", DefaultValueFactory = _ => "runs/summary" };
        var title = new Option<string?>("--title") { Description = "Title of the table and plot." };
        var from = new Option<int>("--plot-from") { Description = "Plot from this evaluation on (e.g. the last of a warm-up all methods share), so the curves after it are not squeezed flat.", DefaultValueFactory = _ => 1 };
        var command = new Command("summarize", "Compare finished runs: best value found against ground-truth evaluations spent, mean ± std per method.")
        {
            folders, output, title, from,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var paths = parse.GetValue(folders)!;
            RunFolder? first = null;
            return runner.RunAsync(parse, () =>
            {
                first = RunFolder.Existing(paths[0]);
                return first.Recall().PluginFolders;
            }, async (context, token) =>
            {
                var manifest = context.LoadRunManifest(first!);
                var metric = manifest.SearchSpaceInstance.GroundTruth.Metric;
                var runs = paths.Select(p => RunSummary.Read(p, metric)).ToList();
                var table = RunSummary.Write(runs, metric, parse.GetValue(output)!, parse.GetValue(title) ?? $"{manifest.SearchSpaceInstance.Description}: best {metric.Name} against evaluations", parse.GetValue(from));
                await context.Out.WriteAsync(table).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"wrote {Path.GetFullPath(parse.GetValue(output)!)}/summary.md, summary.csv, runs.csv, summary.json, summary.png").ConfigureAwait(false);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
