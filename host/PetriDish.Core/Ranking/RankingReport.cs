using System.Globalization;
using CsvHelper;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Core.Reports;

namespace PetriDish.Core.Ranking;

/// <summary>Writes a ranking as <c>ranked.csv</c> (<c>rank,motif,score,predicted_value</c>) and <c>rank.json</c>.</summary>
internal static class RankingReport
{
    public static IReadOnlyList<string> Write(RankingResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        using (var text = new StringWriter(CultureInfo.InvariantCulture))
        {
            using var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true);
            csv.WriteField("rank");
            csv.WriteField("motif");
            csv.WriteField("score");
            csv.WriteField("predicted_value");
            csv.NextRecord();
            foreach (var ranked in result.Ranked)
            {
                csv.WriteField(ranked.Rank);
                csv.WriteField(ranked.Motif.Key);
                csv.WriteField(ranked.Score.ToString("R", CultureInfo.InvariantCulture));
                csv.WriteField(result.Metric.FromScore(ranked.Score).ToString("R", CultureInfo.InvariantCulture));
                csv.NextRecord();
            }

            csv.Flush();
            AtomicFile.WriteAllText(Path.Combine(directory, "ranked.csv"), text.ToString());
        }

        AtomicFile.WriteAllText(Path.Combine(directory, "rank.json"), Json(result).ToString(Formatting.Indented) + "\n");
        return ["ranked.csv", "rank.json"];
    }

    public static JObject Json(RankingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JObject
        {
            ["surrogate"] = result.Surrogate,
            ["plugin"] = result.Plugin,
            ["metric"] = result.Metric.Name,
            ["goal"] = result.Metric.Goal.ToString().ToLowerInvariant(),
            ["observations"] = result.Observations,
            ["loaded_from"] = result.LoadedFrom,
            ["candidates"] = result.Ranked.Count,
            ["fit_seconds"] = result.FitSeconds,
            ["predict_seconds"] = result.PredictSeconds,
            ["candidates_per_second"] = result.PredictSeconds > 0 ? result.Ranked.Count / result.PredictSeconds : null,
            ["peak_working_set_mib"] = Math.Round(result.PeakWorkingSetBytes / (1024.0 * 1024.0), 1),
            ["fit"] = result.FitReport is { } report ? new JObject(FitReportJson.Properties(report.Summary, report.Notes, report.Warnings, report.Diagnostics)) : null,
            ["best_observed_value"] = result.BestObservedScore is { } best ? result.Metric.FromScore(best) : null,
            ["predicted_beyond_observed"] = result.BestObservedScore is null ? null : result.PredictedBeyondObserved,
            ["top"] = new JArray(result.Ranked.Take(10).Select(r => new JObject
            {
                ["rank"] = r.Rank,
                ["motif"] = r.Motif.Key,
                ["score"] = r.Score,
                ["predicted_value"] = result.Metric.FromScore(r.Score),
                ["beyond_observed"] = result.BestObservedScore is { } b ? r.Score > b : null,
            })),
        };
    }
}
