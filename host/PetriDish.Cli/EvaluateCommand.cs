using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using PetriDish.Abstractions;
using PetriDish.Core;
using PetriDish.Core.Evaluation;
using PetriDish.Core.Execution;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Core.Reports;
using PetriDish.Core.Search;
using PetriDish.Core.Store;
using PetriDish.Core.Torch;
using PetriDish.Sdk;

namespace PetriDish.Cli;

/// <summary>
/// <c>petridish evaluate</c>: the ground truth of one motif, a list or a grid, as <c>motif,value</c> CSV.
/// Results are cached by (configuration, motif, fidelity, seed), so an interrupted call resumes for free.
/// </summary>
internal static class EvaluateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var manifest = new Argument<string>("manifest") { Description = "The experiment manifest naming the search space and its ground truth." };
        var motif = new Option<string[]>("--motif") { Description = "A motif key to evaluate. Repeatable.", Arity = ArgumentArity.ZeroOrMore };
        var grid = new Option<int?>("--grid") { Description = "N evenly spaced motifs over a one-parameter family's range." };
        var motifs = new Option<string?>("--motifs") { Description = "A file of motif keys (one per line, or a CSV with a 'motif' column)." };
        var random = new Option<int?>("--random") { Description = "N distinct motifs drawn from the search space with the manifest's seed." };
        var all = new Option<bool>("--all") { Description = "Every motif of a finite search space, or every motif a table-backed ground truth (a benchmark such as NAS-Bench-NLP) holds; the ones that fail are reported, not written." };
        var output = new Option<string?>("--out", "-o") { Description = "Write the CSV here (default: standard output)." };
        var failedOutput = new Option<string?>("--failed") { Description = "Also write the motifs whose evaluation failed, with the reason, as a CSV (motif,error) here." };
        var store = new Option<string?>("--store") { Description = $"The ground-truth cache database (default: $PETRIDISH_CACHE or {CachePaths.GroundTruth})." };
        var seed = new Option<int?>("--seed") { Description = "Evaluation seed (default: the manifest's groundTruthSeed)." };
        var epochs = new Option<double?>("--epochs") { Description = "Low fidelity: train this many epochs instead of the configured number." };
        var fraction = new Option<double?>("--data-fraction") { Description = "Low fidelity: use this fraction of the training data." };
        var plot = new Option<string?>("--plot") { Description = "For a one-parameter family: also draw value against the parameter into this PNG." };
        var result = new Option<string?>("--result") { Description = "Worker mode (used by executors): evaluate the one --motif without any cache and write its result, or its error, as JSON to this file." };
        var baseDirectory = new Option<string?>("--base-directory") { Description = "Resolve the manifest's relative paths against this folder instead of the manifest's own (a run's stored manifest copy)." };
        var command = new Command("evaluate", "Ground-truth evaluation of motifs (one, a list, or a grid), written as motif,value CSV.")
        {
            manifest, motif, grid, motifs, random, all, output, failedOutput, store, seed, epochs, fraction, plot, result, baseDirectory,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var manifestPath = parse.GetValue(manifest)!;
            return runner.RunAsync(parse, () => runner.Manifest(manifestPath).PluginPaths(parse.GetValue(baseDirectory)), async (context, token) =>
            {
                var validated = parse.GetValue(baseDirectory) is { } folder
                    ? context.LoadManifest(File.Exists(manifestPath) ? runner.Manifest(manifestPath).Text : throw new InvalidInputException($"manifest file not found: {manifestPath}"), Path.Combine(folder, Path.GetFileName(manifestPath)), ManifestReads.None)
                    : context.LoadManifest(manifestPath, seed: null, ManifestReads.None);
                var space = validated.SearchSpaceInstance;
                if (parse.GetValue(result) is { } resultPath)
                {
                    var keys = parse.GetValue(motif) ?? [];
                    if (keys.Length != 1)
                    {
                        throw new InvalidInputException("--result evaluates exactly one --motif");
                    }

                    TorchRuntime.SetThreads(validated.Manifest.Threads);
                    return await EvaluateOneAsync(space, space.Parse(keys[0]), Fidelity(parse.GetValue(epochs), parse.GetValue(fraction)), parse.GetValue(seed) ?? validated.Manifest.GroundTruthSeed, resultPath, context, token).ConfigureAwait(false);
                }

                var everything = parse.GetValue(all);
                var selected = SelectMotifs(space, parse.GetValue(motif) ?? [], parse.GetValue(grid), parse.GetValue(motifs), parse.GetValue(random), everything, validated.Manifest.Seed);
                var plotPath = parse.GetValue(plot);
                if (plotPath is not null && space.Axis is null)
                {
                    throw new InvalidInputException("--plot needs a one-parameter search space (one with an axis)");
                }
                var fidelity = Fidelity(parse.GetValue(epochs), parse.GetValue(fraction));
                var evaluationSeed = parse.GetValue(seed) ?? validated.Manifest.GroundTruthSeed;
                TorchRuntime.SetThreads(validated.Manifest.Threads);

                var storePath = parse.GetValue(store) ?? CachePaths.GroundTruth;
                if (RunFolder.IsRunStore(storePath))
                {
                    throw new InvalidInputException($"--store {storePath} is a run's own results store, which only that run writes; evaluate into the ground-truth cache (leave out --store) or another file");
                }

                using var results = ResultsStore.Open(storePath);
                results.SetMeta("last-manifest", validated.FilePath);
                var service = new GroundTruthService(space.GroundTruth, results, validated.Manifest.Search.Retries, context.LoggerFactory.CreateLogger("ground-truth"));
                var outPath = parse.GetValue(output);
                await using var csvTarget = outPath is null ? null : new StreamWriter(outPath, append: false);
                var csv = new CsvWriter(csvTarget ?? context.Out, CultureInfo.InvariantCulture, leaveOpen: true);
                csv.WriteField("motif");
                csv.WriteField("value");
                await csv.NextRecordAsync().ConfigureAwait(false);
                var failedPath = parse.GetValue(failedOutput);
                await using var failedTarget = failedPath is null ? null : new StreamWriter(failedPath, append: false);
                await using var failedCsv = failedTarget is null ? null : new CsvWriter(failedTarget, CultureInfo.InvariantCulture);
                if (failedCsv is not null)
                {
                    failedCsv.WriteField("motif");
                    failedCsv.WriteField("error");
                    await failedCsv.NextRecordAsync().ConfigureAwait(false);
                }

                var clock = Stopwatch.StartNew();
                var (evaluated, cached, failed) = (0, 0, 0);
                var values = new List<(IMotif Motif, double Value)>();
                var display = new ProgressDisplay(context.Error, context.Interactive);
                await display.RunAsync($"evaluate {selected.Count} motif{(selected.Count == 1 ? "" : "s")}", async sink =>
                {
                    for (var i = 0; i < selected.Count; i++)
                    {
                        var index = i;
                        var progress = new InlineProgress<ProgressUpdate>(p => sink.Update((index + p.Fraction) / selected.Count, $"{selected[index].Key}: {p.Message}"));
                        sink.Update((double)i / selected.Count, selected[i].Key);
                        var outcome = await service.EvaluateAsync(new EvaluationRequest(selected[i], fidelity, evaluationSeed), progress, token).ConfigureAwait(false);
                        var tag = $"[{i + 1}/{selected.Count}] {selected[i].Key}";
                        if (outcome.Succeeded)
                        {
                            values.Add((outcome.Motif, outcome.Value));
                            csv.WriteField(outcome.Motif.Key);
                            csv.WriteField(outcome.Value.ToString("R", CultureInfo.InvariantCulture));
                            await csv.NextRecordAsync().ConfigureAwait(false);
                            await csv.FlushAsync().ConfigureAwait(false);
                            sink.Line(outcome.Cached
                                ? $"{tag} → {outcome.Value:F4} (cached)"
                                : string.Create(CultureInfo.InvariantCulture, $"{tag} → {outcome.Value:F4} ({outcome.Record.Seconds:F1} s)"));
                            if (outcome.Cached)
                            {
                                cached++;
                            }
                            else
                            {
                                evaluated++;
                            }
                        }
                        else
                        {
                            failed++;
                            sink.Line($"{tag} FAILED: {outcome.Record.Error}");
                            if (failedCsv is not null)
                            {
                                failedCsv.WriteField(outcome.Motif.Key);
                                failedCsv.WriteField(outcome.Record.Error);
                                await failedCsv.NextRecordAsync().ConfigureAwait(false);
                                await failedCsv.FlushAsync().ConfigureAwait(false);
                            }
                        }
                    }

                    return 0;
                }).ConfigureAwait(false);

                await csv.DisposeAsync().ConfigureAwait(false);
                if (plotPath is not null && space.Axis is { } axis && values.Count > 0)
                {
                    var ordered = values.OrderBy(v => axis.PositionOf(v.Motif)).ToList();
                    Charts.Save(plotPath, $"{validated.Manifest.Name ?? "ground truth"}: {space.GroundTruth.Metric.Name} ({fidelity})", axis.Name, space.GroundTruth.Metric.Name,
                        [new ChartSeries(space.GroundTruth.Metric.Name, [.. ordered.Select(v => axis.PositionOf(v.Motif))], [.. ordered.Select(v => v.Value)])]);
                }

                var csvNote = outPath is null ? "" : $"; CSV {Path.GetFullPath(outPath)}";
                var failedNote = everything && failed > 0 ? " (recorded as failed in the table, so not written)" : "";
                await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{selected.Count} motifs: {evaluated} evaluated, {cached} cached, {failed} failed{failedNote} in {clock.Elapsed.TotalSeconds:F1} s; {space.GroundTruth.Metric.Name} ({space.GroundTruth.Metric.Goal.ToString().ToLowerInvariant()}), fidelity {fidelity}, seed {evaluationSeed}; cache {results.Path}{csvNote}")).ConfigureAwait(false);
                // A table lists its failed runs as facts: listing them is the command working, not failing.
                return failed == 0 || everything ? ExitCodes.Success : ExitCodes.RuntimeFailure;
            }, cancellationToken);
        });
        return command;
    }

    /// <summary>Worker mode: one evaluation, no cache; the result (or the error) goes to a JSON file.</summary>
    private static async Task<int> EvaluateOneAsync(ISearchSpace space, IMotif motif, Fidelity fidelity, int seed, string resultPath, CommandContext context, CancellationToken cancellationToken)
    {
        var result = await WorkerEvaluation.RunAsync(space, motif, fidelity, seed, resultPath, cancellationToken).ConfigureAwait(false);
        await context.Error.WriteLineAsync(result.Error is null
            ? string.Create(CultureInfo.InvariantCulture, $"{motif.Key} → {result.Value:R} ({result.Seconds:F1} s); result in {resultPath}")
            : $"{motif.Key} failed: {result.Error}; recorded in {resultPath}").ConfigureAwait(false);
        return result.Error is null ? ExitCodes.Success : ExitCodes.RuntimeFailure;
    }

    private static IReadOnlyList<IMotif> SelectMotifs(ISearchSpace space, string[] keys, int? grid, string? file, int? random, bool all, int seed)
    {
        var chosen = (keys.Length > 0 ? 1 : 0) + (grid is null ? 0 : 1) + (file is null ? 0 : 1) + (random is null ? 0 : 1) + (all ? 1 : 0);
        if (chosen != 1)
        {
            throw new InvalidInputException("give exactly one of --motif KEY, --grid N, --motifs FILE, --random N or --all");
        }

        if (all)
        {
            // A table says which motifs it holds (a benchmark's table may lack some of its space's);
            // otherwise a finite space lists itself, however its ground truth computes.
            return space.GroundTruth is ITabulatedGroundTruth table ? table.Tabulated
                : space is IFiniteSearchSpace finite ? [.. finite.Enumerate()]
                : throw new InvalidInputException($"--all needs a finite search space (IFiniteSearchSpace) or a table-backed ground truth (a benchmark's published results); '{space.Description}' is neither");
        }

        if (random is { } count)
        {
            return count < 1
                ? throw new InvalidInputException("--random needs a positive count")
                : MotifSampler.SampleDistinct(space, new DeterministicRandom(Seeds.Derive(seed, "evaluate-random")), count, _ => false);
        }

        if (grid is { } n)
        {
            if (space.Axis is not { } axis)
            {
                throw new InvalidInputException("--grid needs a one-parameter search space; this one has no axis (use --motifs)");
            }

            if (n < 2)
            {
                throw new InvalidInputException("--grid needs at least 2 points");
            }

            return [.. Enumerable.Range(0, n).Select(i => axis.At(axis.Minimum + ((axis.Maximum - axis.Minimum) * i / (n - 1)))).DistinctBy(m => m.Key)];
        }

        if (file is not null)
        {
            return MotifListReader.Read(file, space);
        }

        var problems = new List<string>();
        var parsed = new List<IMotif>();
        foreach (var key in keys)
        {
            try
            {
                parsed.Add(space.Parse(key));
            }
            catch (MotifFormatException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Count > 0 ? throw new InvalidInputException(string.Join(Environment.NewLine, problems)) : parsed;
    }

    private static Fidelity Fidelity(double? epochs, double? fraction)
    {
        // NaN compares false with everything: it has to be refused by name, or it passes as a fidelity.
        if (epochs is { } e && !(double.IsFinite(e) && e > 0))
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"--epochs must be a positive number, got {e}"));
        }

        if (fraction is { } f && !(double.IsFinite(f) && f > 0 && f <= 1))
        {
            throw new InvalidInputException(string.Create(CultureInfo.InvariantCulture, $"--data-fraction must lie in (0, 1], got {f}"));
        }

        return epochs is null && fraction is null ? Abstractions.Fidelity.Full : new Fidelity { Epochs = epochs, DataFraction = fraction ?? 1.0 };
    }
}
