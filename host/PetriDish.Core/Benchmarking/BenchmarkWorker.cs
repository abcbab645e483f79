using System.Globalization;
using Microsoft.Extensions.Logging;
using PetriDish.Abstractions;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Core.Search;

namespace PetriDish.Core.Benchmarking;

/// <summary>
/// Runs a benchmark's searches one after another in this process: each search not yet finished and not
/// claimed by another worker is started, or resumed where an interrupted worker left it. Several
/// workers on one folder share the searches between them through the claims.
/// </summary>
internal static class BenchmarkWorker
{
    /// <summary>Runs every open search of <paramref name="plan"/> in <paramref name="folder"/>; returns how many this worker ran.</summary>
    public static async Task<int> RunAsync(BenchmarkPlan plan, BenchmarkFolder folder, ManifestLoader loader, IReadOnlyList<string> pluginFolders, ILoggerFactory loggerFactory, IProgressSink sink, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(folder);
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(sink);
        var cache = plan.Manifest.SearchSpaceInstance.GroundTruth is ITabulatedGroundTruth ? null : folder.SharedCache;
        var ran = 0;
        foreach (var (arm, seed) in plan.Searches)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (folder.IsFinished(arm.Name, seed))
            {
                continue;
            }

            using var claim = RunFolderLock.TryAcquire(folder.ClaimFolder(arm.Name, seed));
            if (claim is null || folder.IsFinished(arm.Name, seed))
            {
                continue; // another worker runs it, or has just finished it
            }

            var runFolder = folder.RunFolder(arm.Name, seed);
            var manifest = loader.Load(arm.TextFor(seed), plan.Manifest.FilePath, BenchmarkPlan.Reads);
            await using var run = File.Exists(Search.RunFolder.DatabaseIn(runFolder))
                ? await SearchRun.ResumeAsync(manifest, runFolder, pluginFolders, loggerFactory, cancellationToken).ConfigureAwait(false)
                : await SearchRun.StartAsync(manifest, runFolder, cache, pluginFolders, loggerFactory, cancellationToken).ConfigureAwait(false);
            var result = await run.ExecuteAsync(null, cancellationToken).ConfigureAwait(false);
            ran++;
            sink.Line(string.Create(CultureInfo.InvariantCulture, $"{arm.Name} seed {seed}: best {result.Outcome.Best?.Value:G6} after {result.Outcome.Evaluations} evaluations ({result.Outcome.ElapsedSeconds:F1} s)"));
        }

        return ran;
    }
}
