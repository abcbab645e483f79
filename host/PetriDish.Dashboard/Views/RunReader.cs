using System.Globalization;
using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;
using PetriDish.Core;
using PetriDish.Core.Search;
using PetriDish.Core.Store;
using PetriDish.Dashboard.Catalog;

namespace PetriDish.Dashboard.Views;

/// <summary>
/// Reads a run folder for the dashboard, read-only: its store is opened as <c>summarize</c> opens it, its
/// lock is only probed, nothing is written. A store that cannot be read (damaged, not a store, another
/// schema) gives a view that says why, so the other runs keep being served.
/// </summary>
internal sealed class RunReader
{
    private const string Maximize = "maximize";
    private readonly ViewCache<RunDetail> _details = new();
    private readonly ViewCache<RunDetail> _overviews = new();

    /// <summary>What the run list shows of a run: read without the evaluation rows, the curve and the surrogate's quality.</summary>
    public RunOverview Overview(DashboardItem item) => Current(item, _overviews, full: false).Run;

    /// <summary>Everything a run's page shows.</summary>
    public RunDetail Detail(DashboardItem item) => Current(item, _details, full: true);

    private static RunDetail Current(DashboardItem item, ViewCache<RunDetail> cache, bool full)
    {
        ArgumentNullException.ThrowIfNull(item);
        var stamp = FileStamp.Of(item.Path, "results.sqlite", "results.sqlite-wal", "best.json");
        var detail = cache.Get(item.Path, stamp, () => Read(item, full));
        if (detail.Run.Error is not null)
        {
            return detail;
        }

        // The lock is not in the stamp: a run that stops writes nothing, its process just ends.
        var (state, why) = State(item.Path);
        return detail with { Run = detail.Run with { State = state, StateDetail = why ?? detail.Run.StateDetail } };
    }

    private static (string State, string? Detail) State(string folder)
    {
        if (RunFolderLock.Holder(folder) is { } holder)
        {
            return ("running", holder);
        }

        return File.Exists(Path.Combine(folder, "best.json")) ? ("finished", null) : ("stopped", "no process holds it and it has no report: stopped before its budget; 'petridish run --resume' continues it");
    }

    private static RunDetail Read(DashboardItem item, bool full)
    {
        try
        {
            using var store = ResultsStore.OpenReadOnly(RunFolder.DatabaseIn(item.Path));
            return Read(item, store, full);
        }
        catch (Exception ex) when (ex is InvalidInputException or IOException or Microsoft.Data.Sqlite.SqliteException or Newtonsoft.Json.JsonException)
        {
            var overview = new RunOverview(item.Id, item.Label, item.Benchmark, Path.GetFileName(item.Path), null, null, null, "damaged", null, 0, null, null, null, null, Maximize, false, null, null, ex.Message);
            return new RunDetail(overview, [], [], [], null);
        }
    }

    private static RunDetail Read(DashboardItem item, ResultsStore store, bool full)
    {
        var manifestText = store.GetMeta("manifest");
        var manifest = manifestText is null ? new JObject() : JObject.Parse(manifestText);
        var all = store.Evaluations();
        var report = ReadBest(item.Path);
        var (metric, goalKnown) = Metric(store, report, all);
        var fullFidelity = all.Where(r => r.Fidelity == Fidelity.Full.ToString()).ToList();

        var rows = new List<EvaluationRow>(all.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var record in all)
        {
            int? number = null;
            if (record.Fidelity == Fidelity.Full.ToString())
            {
                seen.Add(record.Motif);
                number = seen.Count;
            }

            if (full)
            {
                rows.Add(new EvaluationRow(number, record.Iteration, record.Purpose, record.Fidelity, record.Motif, Numbers.Finite(record.Value), record.Seconds,
                    record.Status == EvaluationStatus.Completed ? "ok" : "failed", record.Attempt, record.Error, record.FinishedAt.ToString("O", CultureInfo.InvariantCulture)));
            }
        }

        var (x, y) = full ? RunReport.BestSoFar(fullFidelity, metric) : ([], []);
        var curve = x.Select((e, i) => new CurvePoint(e, Numbers.Finite(y[i]))).ToList();
        var best = fullFidelity.Where(r => r.Status == EvaluationStatus.Completed).OrderByDescending(r => metric.ToScore(r.Value!.Value)).FirstOrDefault();

        var surrogateName = (string?)manifest.SelectToken("search.surrogate");
        var surrogatePlugin = surrogateName is null ? null
            : (manifest["surrogates"] as JArray)?.FirstOrDefault(s => ((string?)s["name"] ?? (string?)s["plugin"]) == surrogateName)?["plugin"]?.ToString();
        var quality = surrogateName is null || !full ? [] : SurrogateIterationQuality.Of(store, fullFidelity, metric, surrogateName)
            .Select(q => new QualityRow(q.Iteration, q.Evaluated, Numbers.Finite(q.Tau), q.Favourite, q.FavouriteRank)).ToList();

        var overview = new RunOverview(
            item.Id,
            item.Label,
            item.Benchmark,
            (string?)manifest["name"] ?? Path.GetFileName(item.Path),
            (string?)manifest.SelectToken("searchSpace.plugin"),
            (string?)manifest.SelectToken("optimizer.plugin"),
            surrogateName is null ? null : surrogatePlugin is null || surrogatePlugin == surrogateName ? surrogateName : $"{surrogateName} ({surrogatePlugin})",
            "stopped",
            (string?)report?["stop_reason"],
            seen.Count,
            (int?)manifest.SelectToken("search.budget.evaluations"),
            Numbers.Finite(best?.Value),
            best?.Motif,
            metric.Name,
            metric.Goal.ToString().ToLowerInvariant(),
            goalKnown,
            store.GetMeta("created"),
            all.Count == 0 ? null : all[^1].FinishedAt.ToString("O", CultureInfo.InvariantCulture),
            null);
        return full ? new RunDetail(overview, rows, curve, quality, manifestText) : new RunDetail(overview, [], [], [], null);
    }

    /// <summary>
    /// The metric as the run recorded it; for a run started before runs did, its report's (<paramref name="best"/>, a finished
    /// run), else the stored metric name read as one to maximise, said to be a guess.
    /// </summary>
    private static (GroundTruthMetric Metric, bool Known) Metric(ResultsStore store, JObject? best, IReadOnlyList<EvaluationRecord> all)
    {
        if (RunFolder.RecalledMetric(store) is { } recalled)
        {
            return (recalled, true);
        }

        if (best?["metric"] is { Type: JTokenType.String } name && Enum.TryParse<MetricGoal>((string?)best["goal"], ignoreCase: true, out var goal))
        {
            return (new GroundTruthMetric((string)name!, goal), true);
        }

        return (new GroundTruthMetric(all.FirstOrDefault(r => r.Metric is not null)?.Metric ?? "value", MetricGoal.Maximize), false);
    }

    private static JObject? ReadBest(string folder)
    {
        var path = Path.Combine(folder, "best.json");
        try
        {
            return File.Exists(path) ? JObject.Parse(File.ReadAllText(path)) : null;
        }
        catch (Exception ex) when (ex is IOException or Newtonsoft.Json.JsonException)
        {
            return null; // Being written, or damaged: the store is what counts.
        }
    }
}
