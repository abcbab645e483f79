using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Core.Reports;

namespace PetriDish.Core.Comparison;

/// <summary>Writes a predictor study as a terminal table, <c>study.json</c>, <c>study.csv</c> (one row per fit), <c>test.csv</c> and <c>predictions.csv</c> (every fit's score of every test motif) and <c>study.png</c> (τ against training size).</summary>
internal static class PredictorStudyReport
{
    /// <summary>Kendall τ (mean ± population std over the seeds, and the worst seed's in brackets) per surrogate and training size.</summary>
    public static string Table(PredictorStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        List<string> header = ["SURROGATE", .. result.Counts.Select(n => string.Create(CultureInfo.InvariantCulture, $"τ @ {n}")), "FIT s (LARGEST)"];
        var rows = result.Surrogates.Select(name => (IReadOnlyList<string>)
        [
            name,
            .. result.Counts.Select(n => WithWorst(result.Stat(name, n, m => m.KendallTau))),
            Format(result.Stat(name, result.Counts[^1], m => m.FitSeconds), "F2"),
        ]);
        return TextTable.Render(header, rows);
    }

    public static JObject Json(PredictorStudyResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new JObject
        {
            ["metric"] = result.Metric.Name,
            ["goal"] = result.Metric.Goal.ToString().ToLowerInvariant(),
            ["test"] = result.TestCount,
            ["train_counts"] = new JArray(result.Counts),
            ["seeds"] = result.Seeds,
            ["std"] = "population standard deviation over the seeds",
            ["surrogates"] = new JArray(result.Surrogates.Select(name => new JObject
            {
                ["id"] = name,
                ["plugin"] = result.Cells.First(c => c.Surrogate == name).PluginId,
                ["sizes"] = new JArray(result.Counts.Select(n => new JObject
                {
                    ["train"] = n,
                    ["kendall_tau"] = Stat(result.Stat(name, n, m => m.KendallTau)),
                    ["spearman"] = Stat(result.Stat(name, n, m => m.Spearman)),
                    ["top1_regret"] = Stat(result.Stat(name, n, m => m.Top1Regret)),
                    ["fit_seconds"] = Stat(result.Stat(name, n, m => m.FitSeconds)),
                })),
            })),
        };
    }

    /// <summary>Writes study.json, study.csv, test.csv, predictions.csv and study.png into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(PredictorStudyResult result, string directory, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, "study.json");
        File.WriteAllText(jsonPath, Json(result).ToString(Formatting.Indented) + "\n");
        var csvPath = Path.Combine(directory, "study.csv");
        var lines = new List<string> { "surrogate,plugin,train,seed,kendall_tau,spearman,precision_at_k,top1_regret,fit_seconds,predict_seconds" };
        lines.AddRange(result.Cells.Select(c => string.Join(',',
            c.Surrogate, c.PluginId, c.TrainCount.ToString(CultureInfo.InvariantCulture), (c.Metrics.Seed + 1).ToString(CultureInfo.InvariantCulture),
            Csv(c.Metrics.KendallTau), Csv(c.Metrics.Spearman), Csv(c.Metrics.PrecisionAtK), Csv(c.Metrics.Top1Regret), Csv(c.Metrics.FitSeconds), Csv(c.Metrics.PredictSeconds))));
        File.WriteAllText(csvPath, string.Join('\n', lines) + "\n");
        var written = new List<string> { jsonPath, csvPath };
        if (result.Test is { } test && result.Cells.All(c => c.Metrics.TestScores.Count == test.Count))
        {
            // Every fit's scores of every test motif, so that each τ of study.csv can be recomputed from data.
            var testPath = Path.Combine(directory, "test.csv");
            File.WriteAllLines(testPath, ["index,motif,value", .. test.Select((r, i) => string.Create(CultureInfo.InvariantCulture, $"{i},\"{r.Motif.Key.Replace("\"", "\"\"", StringComparison.Ordinal)}\",{r.Value:R}"))]);
            var scoresPath = Path.Combine(directory, "predictions.csv");
            using (var scores = new StreamWriter(scoresPath))
            {
                scores.WriteLine("surrogate,train,seed,index,score");
                foreach (var cell in result.Cells)
                {
                    for (var i = 0; i < test.Count; i++)
                    {
                        scores.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cell.Surrogate},{cell.TrainCount},{cell.Metrics.Seed + 1},{i},{cell.Metrics.TestScores[i]:R}"));
                    }
                }
            }

            written.AddRange([testPath, scoresPath]);
        }

        var plotPath = Path.Combine(directory, "study.png");
        var x = result.Counts.Select(n => Math.Log10(n)).ToArray();
        var series = result.Surrogates.Select(name => new ChartSeries(
            name,
            x,
            [.. result.Counts.Select(n => result.Stat(name, n, m => m.KendallTau).Mean)],
            Band: result.Seeds > 1 ? [.. result.Counts.Select(n => result.Stat(name, n, m => m.KendallTau).Std)] : null)).ToList();
        Charts.Save(plotPath, title, "training motifs (log scale)", $"Kendall τ on {result.TestCount} test motifs (band: ± 1 std over {result.Seeds} seeds)", series,
            xTicks: [.. result.Counts.Select((n, i) => (x[i], n.ToString(CultureInfo.InvariantCulture)))]);
        written.Add(plotPath);
        return written;
    }

    private static string Csv(double value) => double.IsFinite(value) ? value.ToString("R", CultureInfo.InvariantCulture) : "";

    private static JObject Stat(Statistic statistic) => ComparisonReport.Stat(statistic);

    private static string Format(Statistic statistic, string format = "F3") => ComparisonReport.Format(statistic, format);

    private static string WithWorst(Statistic statistic)
    {
        var finite = statistic.Values.Where(double.IsFinite).ToList();
        return finite.Count > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{Format(statistic)} [{finite.Min():F3}]")
            : Format(statistic);
    }
}
