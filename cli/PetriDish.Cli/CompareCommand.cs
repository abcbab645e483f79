using System.CommandLine;
using System.Globalization;
using PetriDish.Core.Comparison;
using PetriDish.Core.Torch;

namespace PetriDish.Cli;

/// <summary>
/// <c>petridish compare</c>: fits every surrogate of the manifest on the training observations, ranks
/// the test observations, and reports the figures side by side (table, compare.json, compare.png).
/// </summary>
internal static class CompareCommand
{
    public static Command Create(CommandRunner runner)
    {
        var manifest = new Argument<string>("manifest") { Description = "The experiment manifest listing the surrogates." };
        var observations = new Option<string?>("--observations") { Description = "motif,value[,split] CSV (default: the manifest's compare.observations; for a table-backed ground truth, every tabulated motif)." };
        var seeds = new Option<int?>("--seeds") { Description = "Fit each surrogate this many times with different seeds (default: compare.seeds)." };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for compare.json, predictions.csv and compare.png (default: runs/compare-<name>-<time>)." };
        var seed = new Option<int?>("--seed") { Description = "Use this seed instead of the manifest's: another draw of the training rows (compare.train.count or fraction) and other surrogate seeds." };
        var only = new Option<string[]>("--surrogate") { Description = "Only this surrogate (by name). Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("compare", "Compare the manifest's surrogates on observed ground truth: Kendall τ, Spearman, precision@k, top-1 regret, time.")
        {
            manifest, observations, seeds, output, seed, only,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var manifestPath = parse.GetValue(manifest)!;
            return runner.RunAsync(parse, manifestPath, async (context, token) =>
            {
                var validated = context.LoadManifest(manifestPath, parse.GetValue(seed));

                var plan = ComparisonPlan.For(validated, parse.GetValue(observations), parse.GetValue(seeds), parse.GetValue(only));
                var (split, seedCount) = (plan.Split, plan.Seeds);
                TorchRuntime.SetThreads(validated.Manifest.Threads);
                await context.Error.WriteLineAsync($"compare: {split.Train.Count} training and {split.Test.Count} test observations ({split.Rule}{(plan.ObservationsFile is null ? "; every cell of the ground truth's table" : "")}); {plan.Surrogates.Count} surrogate(s) × {seedCount} seed(s)").ConfigureAwait(false);

                var display = new ProgressDisplay(context.Error, context.Interactive);
                var result = await display.RunAsync("compare", sink => SurrogateComparison.RunAsync(validated, plan.Surrogates, plan.Observations, split, seedCount, sink, token)).ConfigureAwait(false);

                var directory = parse.GetValue(output) ?? Path.Combine("runs", $"compare-{validated.Manifest.Name ?? Path.GetFileNameWithoutExtension(manifestPath)}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
                var files = ComparisonReport.Write(result, directory, $"{validated.Manifest.Name ?? "compare"}: {split.Train.Count} train / {split.Test.Count} test");
                await context.Out.WriteAsync(ComparisonReport.Table(result)).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"{result.Metric.Name} ({result.Metric.Goal.ToString().ToLowerInvariant()}); k = {result.K}; mean ± std over {seedCount} seed(s); wrote {string.Join(", ", files)}").ConfigureAwait(false);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
