using System.CommandLine;
using System.Globalization;
using PetriDish.Core;
using PetriDish.Core.Comparison;
using PetriDish.Core.Manifest;
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
        var folds = new Option<int?>("--folds") { Description = "K-fold cross-validation instead of the manifest's split: every observation is ranked once, by the fit on the other folds (one fit per fold and surrogate; the plot shows the out-of-fold predictions)." };
        var trace = new Option<bool>("--trace") { Description = "Trace every fit step by step, where a surrogate can (the Petri dish: each member after each outer step): trace-NAME.csv with its figures and the test ranking of that step, trace-NAME-scores.csv with its scores of every motif." };
        var command = new Command("compare", "Compare the manifest's surrogates on observed ground truth: Kendall τ, Spearman, precision@k, top-1 regret, time.")
        {
            manifest, observations, seeds, output, seed, only, folds, trace,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var manifestPath = parse.GetValue(manifest)!;
            return runner.RunAsync(parse, manifestPath, async (context, token) =>
            {
                var validated = context.LoadManifest(manifestPath, parse.GetValue(seed), parse.GetValue(observations) is null ? ManifestReads.Observations : ManifestReads.None);
                if (validated.Manifest.Compare.Train.Counts is not null)
                {
                    if (parse.GetValue(folds) is not null || parse.GetValue(trace))
                    {
                        throw new InvalidInputException("compare.train.counts runs a predictor study: it cannot be combined with --folds or --trace");
                    }

                    return await RunStudyAsync(context, validated, manifestPath, parse.GetValue(observations), parse.GetValue(seeds), parse.GetValue(only), parse.GetValue(output), token).ConfigureAwait(false);
                }

                var plan = ComparisonPlan.For(validated, parse.GetValue(observations), parse.GetValue(seeds), parse.GetValue(only));
                var (split, seedCount, foldCount) = (plan.Split, plan.Seeds, parse.GetValue(folds));
                if (foldCount is not null && (parse.GetValue(trace) || parse.GetValue(seeds) is not null))
                {
                    throw new InvalidInputException("--folds fits each surrogate once per fold: it cannot be combined with --seeds or --trace");
                }

                TorchRuntime.SetThreads(validated.Manifest.Threads);
                var directory = parse.GetValue(output) ?? DefaultFolder(validated, manifestPath);
                var display = new ProgressDisplay(context.Error, context.Interactive);
                ComparisonResult result;
                string title, repeats;
                using var traceWriter = parse.GetValue(trace) ? new FitTraceWriter(directory, plan.Observations, split, validated.SearchSpaceInstance.GroundTruth.Metric, validated.SearchSpaceInstance.Axis) : null;
                if (foldCount is { } k)
                {
                    await context.Error.WriteLineAsync($"compare: {k}-fold cross-validation over {plan.Observations.Count} observations; {plan.Surrogates.Count} surrogate(s) × {k} fold(s)").ConfigureAwait(false);
                    result = await display.RunAsync("compare", sink => CrossValidation.RunAsync(validated, plan.Surrogates, plan.Observations, k, sink, token)).ConfigureAwait(false);
                    (title, repeats) = ($"{k}-fold cross-validation", $"{k} folds");
                }
                else
                {
                    await context.Error.WriteLineAsync($"compare: {split.Train.Count} training and {split.Test.Count} test observations ({split.Rule}{(plan.ObservationsFile is null ? "; every cell of the ground truth's table" : "")}); {plan.Surrogates.Count} surrogate(s) × {seedCount} seed(s)").ConfigureAwait(false);
                    result = await display.RunAsync("compare", sink => SurrogateComparison.RunAsync(validated, plan.Surrogates, plan.Observations, split, seedCount, sink, token, traceWriter)).ConfigureAwait(false);
                    (title, repeats) = ($"{split.Train.Count} train / {split.Test.Count} test", $"{seedCount} seed(s)");
                }

                traceWriter?.Finish();
                var files = ComparisonReport.Write(result, directory, $"{validated.Manifest.Name ?? "compare"}: {title}").Concat(traceWriter?.Paths ?? []).ToList();
                await context.Out.WriteAsync(ComparisonReport.Table(result)).ConfigureAwait(false);
                await context.Out.WriteLineAsync($"{result.Metric.Name} ({result.Metric.Goal.ToString().ToLowerInvariant()}); k = {result.K}; mean ± std over {repeats}; wrote {string.Join(", ", files)}").ConfigureAwait(false);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>A predictor study (compare.train.counts): τ per surrogate and training size.</summary>
    private static async Task<int> RunStudyAsync(CommandContext context, Core.Manifest.ValidatedManifest validated, string manifestPath, string? observations, int? seeds, string[]? only, string? output, CancellationToken token)
    {
        var plan = PredictorStudy.Plan(validated, observations, seeds, only);
        TorchRuntime.SetThreads(validated.Manifest.Threads);
        var directory = output ?? DefaultFolder(validated, manifestPath);
        await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"compare: a predictor study — training sizes {string.Join(", ", plan.Counts)} drawn from {plan.Pool.Count} motifs, {plan.Test.Count} test motifs (drawn with seed {validated.Manifest.Seed}); {plan.Surrogates.Count} surrogate(s) × {plan.Counts.Count} size(s) × {plan.Seeds} seed(s)")).ConfigureAwait(false);
        var display = new ProgressDisplay(context.Error, context.Interactive);
        var result = await display.RunAsync("compare", sink => PredictorStudy.RunAsync(validated, plan, sink, token)).ConfigureAwait(false);
        var files = PredictorStudyReport.Write(result, directory, $"{validated.Manifest.Name ?? "compare"}: Kendall τ on {plan.Test.Count} test motifs");
        await context.Out.WriteAsync(PredictorStudyReport.Table(result)).ConfigureAwait(false);
        await context.Out.WriteLineAsync($"{result.Metric.Name} ({result.Metric.Goal.ToString().ToLowerInvariant()}); mean ± population std over {plan.Seeds} seed(s) [the worst seed]; wrote {string.Join(", ", files)}").ConfigureAwait(false);
        return ExitCodes.Success;
    }

    private static string DefaultFolder(Core.Manifest.ValidatedManifest validated, string manifestPath) =>
        Path.Combine("runs", $"compare-{validated.Manifest.Name ?? Path.GetFileNameWithoutExtension(manifestPath)}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
}
