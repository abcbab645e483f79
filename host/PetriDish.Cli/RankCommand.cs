using System.CommandLine;
using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Core;
using PetriDish.Core.Comparison;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;
using PetriDish.Core.Progress;
using PetriDish.Core.Ranking;
using PetriDish.Core.Reports;
using PetriDish.Core.Torch;
using PetriDish.Sdk;

namespace PetriDish.Cli;

/// <summary>
/// <c>petridish rank</c>: fits a surrogate on the observations (or loads one fitted before) and ranks
/// many candidates by it, best first: what the Petri dish is for.
/// </summary>
internal static class RankCommand
{
    public static Command Create(CommandRunner runner)
    {
        var manifest = new Argument<string>("manifest") { Description = "The experiment manifest (search space and surrogates)." };
        var observations = new Option<string?>("--observations") { Description = "motif,value CSV to fit the surrogate on (such as petridish evaluate's output)." };
        var candidates = new Option<string?>("--candidates") { Description = "The motifs to rank: one key per line, or a CSV with a motif column." };
        var random = new Option<int?>("--random") { Description = "Rank N distinct random motifs of the search space instead (none of them observed)." };
        var surrogate = new Option<string?>("--surrogate") { Description = "The manifest's surrogate to rank with, by name (default: search.surrogate)." };
        var top = new Option<int>("--top") { Description = "Print this many of the best.", DefaultValueFactory = _ => 10 };
        var output = new Option<string?>("--out", "-o") { Description = "Folder for ranked.csv and rank.json (default: runs/rank-<name>-<time>)." };
        var seed = new Option<int?>("--seed") { Description = "Use this seed instead of the manifest's (the surrogate's fit, the random candidates)." };
        var save = new Option<string?>("--save") { Description = "Save the fitted surrogate to this file, to rank again later with --load." };
        var load = new Option<string?>("--load") { Description = "Rank with a surrogate saved by --save instead of fitting one (no --observations)." };
        var command = new Command("rank", "Fit a surrogate on observed motifs and rank new candidates by it, best first.")
        {
            manifest, observations, candidates, random, surrogate, top, output, seed, save, load,
        };

        command.SetAction((parse, cancellationToken) =>
        {
            var manifestPath = parse.GetValue(manifest)!;
            return runner.RunAsync(parse, manifestPath, async (context, token) =>
            {
                var observationsPath = parse.GetValue(observations);
                var loadPath = parse.GetValue(load);
                var candidatesPath = parse.GetValue(candidates);
                var randomCount = parse.GetValue(random);
                var topCount = parse.GetValue(top);
                if (observationsPath is null && loadPath is null)
                {
                    throw new InvalidInputException("give --observations FILE (to fit the surrogate) or --load FILE (a surrogate saved by --save): rank needs one of them");
                }

                if (observationsPath is not null && loadPath is not null)
                {
                    throw new InvalidInputException("give --observations FILE (to fit the surrogate) or --load FILE (a surrogate saved by --save), not both");
                }

                if ((candidatesPath is null) == (randomCount is null))
                {
                    throw new InvalidInputException("give exactly one of --candidates FILE or --random N");
                }

                if (randomCount is < 1)
                {
                    throw new InvalidInputException("--random needs a positive count");
                }

                if (topCount < 0)
                {
                    throw new InvalidInputException("--top must not be negative");
                }

                var validated = context.LoadManifest(manifestPath, parse.GetValue(seed), ManifestReads.None);
                var bound = ChooseSurrogate(validated, parse.GetValue(surrogate));
                var space = validated.SearchSpaceInstance;
                var metric = space.GroundTruth.Metric;

                // Everything the user wrote is checked before anything is fitted.
                IReadOnlyList<Observation> fitOn = [];
                if (observationsPath is not null)
                {
                    var rows = ObservationsFile.Read(observationsPath, space);
                    if (rows.Select(r => r.Value).Distinct().Count() < 2)
                    {
                        throw new InvalidInputException($"{observationsPath}: every observation has the same value: a constant ground truth has no ranking to learn");
                    }

                    fitOn = [.. rows.Select(r => new Observation(r.Motif, metric.ToScore(r.Value)))];
                }

                // Random candidates are new motifs: none the surrogate was fitted on (for a loaded one, as saved).
                var observed = (loadPath is not null ? SavedSurrogate.Peek(loadPath).Observed : fitOn.Select(o => o.Motif.Key)).ToHashSet(StringComparer.Ordinal);
                var pool = candidatesPath is not null
                    ? Distinct(MotifListReader.Read(candidatesPath, space), context)
                    : MotifSampler.SampleDistinct(space, new DeterministicRandom(Seeds.Derive(validated.Manifest.Seed, "rank-random")), randomCount!.Value, observed.Contains);
                if (randomCount is { } wanted && pool.Count < wanted)
                {
                    await context.Error.WriteLineAsync($"rank: the search space gave only {pool.Count} distinct unobserved motifs of the {wanted} asked for; ranking those").ConfigureAwait(false);
                }

                if (pool.Count == 0)
                {
                    throw new InvalidInputException("no candidates to rank");
                }

                TorchRuntime.SetThreads(validated.Manifest.Threads);
                var how = loadPath is null ? $"{bound.Name} fitted on {fitOn.Count} observations" : $"{bound.Name} as saved in {loadPath}";
                await context.Error.WriteLineAsync($"rank: ranking {pool.Count} candidates with {how}").ConfigureAwait(false);
                var request = new CandidateRanking.Request
                {
                    Manifest = validated,
                    Surrogate = bound,
                    Observations = fitOn,
                    Candidates = pool,
                    Seed = Seeds.Derive(validated.Manifest.Seed, "rank"),
                    LoadFrom = loadPath,
                    SaveTo = parse.GetValue(save),
                };
                var display = new ProgressDisplay(context.Error, context.Interactive);
                var result = await display.RunAsync("rank", sink =>
                    Task.Run(() => CandidateRanking.Run(request, new InlineProgress<ProgressUpdate>(p => sink.Update(p.Fraction, p.Message)), token), token)).ConfigureAwait(false);

                var directory = parse.GetValue(output) ?? Path.Combine("runs", $"rank-{validated.Manifest.Name ?? Path.GetFileNameWithoutExtension(manifestPath)}-{DateTime.Now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture)}");
                var files = RankingReport.Write(result, directory);
                var header = new[] { "RANK", "MOTIF", "SCORE", $"PREDICTED {metric.Name.ToUpperInvariant()}" };
                await context.Out.WriteAsync(TextTable.Render(header, result.Ranked.Take(topCount).Select(r => (IReadOnlyList<string>)
                [
                    r.Rank.ToString(CultureInfo.InvariantCulture),
                    r.Motif.Key,
                    r.Score.ToString("G6", CultureInfo.InvariantCulture),
                    metric.FromScore(r.Score).ToString("G6", CultureInfo.InvariantCulture),
                ]))).ConfigureAwait(false);
                foreach (var line in (result.FitReport?.Notes ?? []).Select(n => $"note: {n}").Concat((result.FitReport?.Warnings ?? []).Select(w => $"warning: {w}")))
                {
                    await context.Error.WriteLineAsync($"rank: {line}").ConfigureAwait(false);
                }

                if (result.PredictedBeyondObserved > 0 && result.BestObservedScore is { } bestObserved)
                {
                    await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                        $"rank: note: {result.PredictedBeyondObserved} candidate(s) are predicted better than every observation (best observed {metric.FromScore(bestObserved):G6}): those predicted values extrapolate beyond what the surrogate was shown")).ConfigureAwait(false);
                }

                var fit = loadPath is null ? $"fit {result.FitSeconds:F2} s{(result.FitReport?.Summary is { } summary ? $", {summary}" : "")}" : "loaded, no fit";
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{result.Ranked.Count} candidates ranked by {result.Surrogate} ({fit}; ranking {result.PredictSeconds:F2} s, {result.Ranked.Count / Math.Max(result.PredictSeconds, 1e-9):F0} per second); wrote {string.Join(", ", files.Select(f => Path.Combine(directory, f)))}")).ConfigureAwait(false);
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }

    private static BoundPlugin ChooseSurrogate(ValidatedManifest manifest, string? name)
    {
        if (name is not null)
        {
            return ManifestSurrogates.Named(manifest, name);
        }

        if (manifest.Manifest.Search.Surrogate is { } searchSurrogate)
        {
            return manifest.FindSurrogate(searchSurrogate)!;
        }

        return manifest.Surrogates.Count == 1
            ? manifest.Surrogates[0]
            : throw new InvalidInputException(manifest.Surrogates.Count == 0
                ? "the manifest lists no surrogates ($.surrogates)"
                : $"the manifest names no search.surrogate; choose one with --surrogate (named: {string.Join(", ", manifest.Surrogates.Select(s => s.Name))})");
    }

    private static IReadOnlyList<IMotif> Distinct(IReadOnlyList<IMotif> motifs, CommandContext context)
    {
        var distinct = motifs.DistinctBy(m => m.Key, StringComparer.Ordinal).ToList();
        if (distinct.Count < motifs.Count)
        {
            context.Error.WriteLine($"rank: {motifs.Count - distinct.Count} candidate(s) listed more than once (same motif key) are ranked once");
        }

        return distinct;
    }
}
