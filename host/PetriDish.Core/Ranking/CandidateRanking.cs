using System.Diagnostics;
using PetriDish.Abstractions;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;
using PetriDish.Core.Progress;

namespace PetriDish.Core.Ranking;

/// <summary>
/// The Petri dish's use in one step: fit a surrogate on what is known (or load one fitted before) and
/// rank many new candidates by it, best first. The same parts <c>petridish rank</c> uses.
/// </summary>
internal static class CandidateRanking
{
    // Candidates are scored in chunks so that long rankings report progress; a chunk is as large as
    // the dish's default inference batch, so chunking costs no speed.
    private const int ChunkSize = 4096;

    /// <summary>What to rank with and where a fitted surrogate comes from or goes.</summary>
    public sealed record Request
    {
        /// <summary>The surrogate (bound in <see cref="Manifest"/>).</summary>
        public required BoundPlugin Surrogate { get; init; }

        /// <summary>The validated manifest.</summary>
        public required ValidatedManifest Manifest { get; init; }

        /// <summary>The observations to fit on (ignored when <see cref="LoadFrom"/> is set).</summary>
        public IReadOnlyList<Observation> Observations { get; init; } = [];

        /// <summary>The candidates to rank.</summary>
        public required IReadOnlyList<IMotif> Candidates { get; init; }

        /// <summary>Seed of the surrogate's fit.</summary>
        public required int Seed { get; init; }

        /// <summary>A surrogate saved by an earlier ranking, used instead of fitting.</summary>
        public string? LoadFrom { get; init; }

        /// <summary>Where to save the fitted surrogate.</summary>
        public string? SaveTo { get; init; }
    }

    public static RankingResult Run(Request request, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var manifest = request.Manifest;
        var bound = request.Surrogate;
        new SearchSpaceGuard(manifest.SearchSpaceInstance, manifest.SearchSpace.Entry.Id).CheckEncodings(request.Observations.Select(o => o.Motif));
        var surrogate = manifest.Components.CreateSurrogate(bound, manifest.SearchSpaceInstance, manifest.Context with { Seed = request.Seed });
        try
        {
            var clock = Stopwatch.StartNew();
            IReadOnlyList<string> observed;
            SurrogateFitReport? report = null;
            if (request.LoadFrom is { } load)
            {
                progress?.Report(new ProgressUpdate(0, $"loading {load}"));
                observed = SavedSurrogate.Read(load, SavedSurrogate.Describe(manifest, bound, []), surrogate).Observed;
            }
            else
            {
                if (request.Observations.Count < surrogate.MinimumObservations)
                {
                    throw new InvalidInputException($"surrogate '{bound.Name}' needs at least {surrogate.MinimumObservations} observations to fit; got {request.Observations.Count}");
                }

                // Fitting is most of the work; ranking the candidates the last tenth.
                var fitProgress = progress is null ? null : new InlineProgress<ProgressUpdate>(p => progress.Report(p with { Fraction = 0.9 * p.Fraction }));
                report = surrogate.Fit(request.Observations, fitProgress, cancellationToken);
                observed = [.. request.Observations.Select(o => o.Motif.Key)];
            }

            var fitSeconds = request.LoadFrom is null ? clock.Elapsed.TotalSeconds : 0;
            if (request.SaveTo is { } save)
            {
                SavedSurrogate.Write(save, SavedSurrogate.Describe(manifest, bound, observed), surrogate);
            }

            clock.Restart();
            var scores = new double[request.Candidates.Count];
            for (var start = 0; start < scores.Length; start += ChunkSize)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var chunk = request.Candidates.Skip(start).Take(ChunkSize).ToList();
                progress?.Report(new ProgressUpdate(0.9 + (0.1 * start / scores.Length), $"ranking candidates {start + 1}–{start + chunk.Count} of {scores.Length}"));
                var predicted = surrogate.Predict(chunk, cancellationToken);
                for (var i = 0; i < chunk.Count; i++)
                {
                    scores[start + i] = predicted[i];
                }
            }

            var predictSeconds = clock.Elapsed.TotalSeconds;

            // Best first; equal scores keep the candidates' order, so a ranking is reproducible.
            var order = Enumerable.Range(0, scores.Length).OrderByDescending(i => double.IsNaN(scores[i]) ? double.NegativeInfinity : scores[i]).ThenBy(i => i).ToList();
            return new RankingResult
            {
                Surrogate = bound.Name,
                Plugin = bound.Entry.Id,
                Metric = manifest.SearchSpaceInstance.GroundTruth.Metric,
                Observations = observed.Count,
                LoadedFrom = request.LoadFrom is null ? null : Path.GetFullPath(request.LoadFrom),
                FitSeconds = fitSeconds,
                PredictSeconds = predictSeconds,
                PeakWorkingSetBytes = PeakWorkingSet(),
                FitReport = report,
                BestObservedScore = request.LoadFrom is null ? request.Observations.Max(o => o.Score) : null,
                Ranked = [.. order.Select((index, place) => new RankedMotif(place + 1, request.Candidates[index], scores[index]))],
            };
        }
        finally
        {
            surrogate?.Dispose();
        }
    }

    private static long PeakWorkingSet()
    {
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return process.PeakWorkingSet64;
    }
}
