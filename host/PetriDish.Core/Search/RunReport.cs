using System.Globalization;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;
using PetriDish.Core.Comparison;
using PetriDish.Core.Manifest;
using PetriDish.Core.Reports;
using PetriDish.Core.Store;

namespace PetriDish.Core.Search;

/// <summary>What a search leaves beside its database: report.md, best.json and progress.png.</summary>
internal static class RunReport
{
    /// <summary>Writes the report files; returns the one-line summary for stdout.</summary>
    public static string Write(string folder, ValidatedManifest manifest, ResultsStore store, SearchOutcome outcome, GroundTruthMetric metric, string configuration, string executor)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(metric);
        var all = store.Evaluations().Where(r => r.Configuration == configuration).ToList();
        var full = all.Where(r => r.Fidelity == Fidelity.Full.ToString()).ToList();
        var lowFidelity = all.Where(r => r.Fidelity != Fidelity.Full.ToString()).ToList();
        var reference = Reference(manifest);
        var referenceRank = outcome.Best is { Value: { } value } && reference is { Count: > 0 }
            ? 1 + reference.Count(r => metric.ToScore(r.Value) > metric.ToScore(value))
            : (int?)null;

        var summary = outcome.Best is { } best
            ? string.Create(CultureInfo.InvariantCulture, $"best {best.Motif} = {best.Value:F4} ({metric.Name}) after {outcome.Evaluations} ground-truth evaluations")
            : $"no successful ground-truth evaluation in {outcome.Evaluations} attempts";
        if (referenceRank is { } rank)
        {
            summary += $"; rank {rank} of {reference!.Count} on the reference curve{(rank <= 5 ? " (within the true top 5)" : "")}";
        }

        var saved = TabulatedTrainingTime.Of(all);
        if (saved is { } time)
        {
            summary += "; " + TabulatedTrainingTime.Describe(time);
        }

        summary += $"; {outcome.StopReason}; run folder {folder}";

        var bestJson = Best(manifest, outcome, metric, referenceRank, reference?.Count, folder);
        bestJson["tabulated_train_seconds"] = saved?.Seconds;
        File.WriteAllText(Path.Combine(folder, "report.md"), Markdown(manifest, store, outcome, metric, full, lowFidelity, referenceRank, reference?.Count, executor, summary));
        Plot(folder, manifest, full, metric);
        // Last and whole: its existence marks the run finished (benchmark, summarize and the dashboard
        // read it so), so a run killed while reporting is resumed rather than taken as done.
        AtomicFile.WriteAllText(Path.Combine(folder, "best.json"), bestJson.ToString(Formatting.Indented) + "\n");
        return summary;
    }

    private static JObject Best(ValidatedManifest manifest, SearchOutcome outcome, GroundTruthMetric metric, int? referenceRank, int? referenceCount, string folder) => new()
    {
        ["motif"] = outcome.Best?.Motif,
        ["value"] = outcome.Best?.Value,
        ["metric"] = metric.Name,
        ["goal"] = metric.Goal.ToString().ToLowerInvariant(),
        ["iteration"] = outcome.Best?.Iteration,
        ["evaluations"] = outcome.Evaluations,
        ["iterations"] = outcome.Iterations,
        ["seconds"] = Math.Round(outcome.ElapsedSeconds, 1),
        ["stop_reason"] = outcome.StopReason,
        ["reference_rank"] = referenceRank,
        ["reference_size"] = referenceCount,
        ["seed"] = manifest.Manifest.Seed,
        ["run"] = Path.GetFullPath(folder),
    };

    private static string Markdown(ValidatedManifest manifest, ResultsStore store, SearchOutcome outcome, GroundTruthMetric metric, List<EvaluationRecord> full, List<EvaluationRecord> lowFidelity, int? referenceRank, int? referenceCount, string executor, string summary)
    {
        var m = manifest.Manifest;
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Search report: {m.Name ?? Path.GetFileNameWithoutExtension(manifest.FilePath)}\n\n");
        text.Append(CultureInfo.InvariantCulture, $"{summary}.\n\n");
        text.Append("## Settings\n\n| | |\n|---|---|\n");
        text.Append(CultureInfo.InvariantCulture, $"| manifest | `{manifest.FilePath}` |\n");
        text.Append(CultureInfo.InvariantCulture, $"| search space | {manifest.SearchSpace.Entry.Id}: {manifest.SearchSpaceInstance.Description} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| ground truth | {metric.Name} ({metric.Goal.ToString().ToLowerInvariant()}), executor {executor} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| optimizer | {manifest.Optimizer?.Entry.Id} `{manifest.Optimizer?.SettingsJson}` |\n");
        var screening = m.Search.Surrogate is { } name ? manifest.FindSurrogate(name) : null;
        text.Append(CultureInfo.InvariantCulture, $"| surrogate | {(screening is null ? "none (plain search)" : $"{screening.Name} ({screening.Entry.Id}) `{screening.SettingsJson}`")} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| loop | warm-up {m.Search.Warmup}, {m.Search.Candidates} candidates → top {m.Search.EvaluationsPerIteration} + {m.Search.ExplorationPerIteration} random per iteration, {m.Search.Retries} retries |\n");
        text.Append(CultureInfo.InvariantCulture, $"| budget | evaluations {m.Search.Budget.Evaluations?.ToString(CultureInfo.InvariantCulture) ?? "–"}, iterations {m.Search.Budget.Iterations?.ToString(CultureInfo.InvariantCulture) ?? "–"}, wall time {m.Search.Budget.WallTimeSeconds?.ToString(CultureInfo.InvariantCulture) ?? "–"} s, target {m.Search.Budget.Target?.ToString(CultureInfo.InvariantCulture) ?? "–"} |\n");
        text.Append(CultureInfo.InvariantCulture, $"| seed, device | {m.Seed}, {manifest.Device} |\n\n");

        text.Append("## Result\n\n");
        text.Append(CultureInfo.InvariantCulture, $"- best motif: `{outcome.Best?.Motif ?? "none"}` = {outcome.Best?.Value?.ToString("F4", CultureInfo.InvariantCulture) ?? "–"} (found in iteration {outcome.Best?.Iteration?.ToString(CultureInfo.InvariantCulture) ?? "–"})\n");
        if (referenceRank is { } rank)
        {
            text.Append(CultureInfo.InvariantCulture, $"- on the reference curve ({referenceCount} motifs) its value ranks {rank}\n");
        }

        text.Append(CultureInfo.InvariantCulture, $"- ground-truth evaluations: {outcome.Evaluations} ({full.Count(r => r.Status == EvaluationStatus.Failed)} failed attempts), {full.Sum(r => r.Seconds):F0} s of training\n");
        text.Append(CultureInfo.InvariantCulture, $"- low-fidelity evaluations: {lowFidelity.Count}, {lowFidelity.Sum(r => r.Seconds):F0} s\n");
        text.Append(CultureInfo.InvariantCulture, $"- iterations after the warm-up: {outcome.Iterations}; wall time {outcome.ElapsedSeconds:F0} s; stopped: {outcome.StopReason}\n\n");
        text.Append("![best value against ground-truth evaluations](progress.png)\n\n");

        if (screening is not null)
        {
            text.Append(SurrogateQuality(store, full, metric, screening.Name));
        }

        text.Append("## Every ground-truth evaluation\n\n| # | iteration | purpose | motif | value | seconds | status |\n|---:|---:|---|---|---:|---:|---|\n");
        var index = 0;
        foreach (var record in full)
        {
            var value = record.Value?.ToString("F4", CultureInfo.InvariantCulture) ?? "–";
            var status = record.Status == EvaluationStatus.Completed ? "ok" : $"failed (attempt {record.Attempt}): {record.Error?.Replace('|', '/')}";
            text.Append(CultureInfo.InvariantCulture, $"| {++index} | {record.Iteration} | {record.Purpose} | `{record.Motif}` | {value} | {record.Seconds:F1} | {status} |\n");
        }

        if (lowFidelity.Count > 0)
        {
            text.Append("\n## Low-fidelity evaluations\n\n| iteration | fidelity | motif | value | seconds |\n|---:|---|---|---:|---:|\n");
            foreach (var record in lowFidelity)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {record.Iteration} | {record.Fidelity} | `{record.Motif}` | {record.Value?.ToString("F4", CultureInfo.InvariantCulture) ?? "failed"} | {record.Seconds:F1} |\n");
            }
        }

        return text.ToString();
    }

    /// <summary>How well the surrogate ranked, in each iteration, the motifs it sent to the ground truth.</summary>
    private static string SurrogateQuality(ResultsStore store, List<EvaluationRecord> full, GroundTruthMetric metric, string surrogate)
    {
        var text = new StringBuilder("## Surrogate quality on the newly evaluated motifs\n\n");
        text.Append("Per iteration: Kendall τ between the surrogate's scores and the ground truth of the motifs it chose, and the true rank (among them) of its favourite.\n\n| iteration | evaluated | Kendall τ | favourite | its true rank |\n|---:|---:|---:|---|---:|\n");
        var qualities = SurrogateIterationQuality.Of(store, full, metric, surrogate);
        foreach (var quality in qualities)
        {
            text.Append(CultureInfo.InvariantCulture, $"| {quality.Iteration} | {quality.Evaluated} | {quality.Tau:F3} | `{quality.Favourite}` | {quality.FavouriteRank} |\n");
        }

        var taus = qualities.Select(q => q.Tau).Where(double.IsFinite).ToList();
        text.Append(CultureInfo.InvariantCulture, $"\nMean τ over iterations: {(taus.Count == 0 ? "–" : taus.Average().ToString("F3", CultureInfo.InvariantCulture))}.\n\n");
        return text.ToString();
    }

    private static void Plot(string folder, ValidatedManifest manifest, List<EvaluationRecord> full, GroundTruthMetric metric)
    {
        var (x, y) = BestSoFar(full, metric);
        if (x.Count == 0)
        {
            return;
        }

        Charts.Save(Path.Combine(folder, "progress.png"), $"{manifest.Manifest.Name ?? "search"}: best {metric.Name} found", "ground-truth evaluations spent", $"best {metric.Name}", [new ChartSeries("best so far", x, y)], legend: Charts.BestSoFarLegend(metric.Goal));
    }

    /// <summary>The best value found after each ground-truth evaluation (failed ones count as spent).</summary>
    public static (List<double> Evaluations, List<double> Best) BestSoFar(IEnumerable<EvaluationRecord> full, GroundTruthMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var x = new List<double>();
        var y = new List<double>();
        double? best = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in full)
        {
            if (!seen.Add(record.Motif) && record.Status == EvaluationStatus.Failed)
            {
                continue;
            }

            if (record.Status == EvaluationStatus.Completed && (best is null || metric.ToScore(record.Value!.Value) > metric.ToScore(best.Value)))
            {
                best = record.Value;
            }

            if (best is not null)
            {
                x.Add(seen.Count);
                y.Add(best.Value);
            }
        }

        return (x, y);
    }

    /// <summary>The known ground truth a run is ranked against: <c>search.reference</c>, else a table-backed ground truth's table; null without either.</summary>
    internal static IReadOnlyList<ObservationRow>? Reference(ValidatedManifest manifest)
    {
        if (manifest.Manifest.Search.Reference is not { } path)
        {
            // A table-backed ground truth is its own reference: the true rank of the pick is known.
            return TabulatedObservations.Read(manifest.SearchSpaceInstance);
        }

        var full = manifest.ReferencePath ?? Path.GetFullPath(path, manifest.BaseDirectory);
        return File.Exists(full) ? ObservationsFile.Read(full, manifest.SearchSpaceInstance) : null;
    }
}
