using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Core.Reports;
using PetriDish.Sdk;

namespace PetriDish.Core.Comparison;

/// <summary>Writes a comparison as a terminal table, <c>compare.json</c>, <c>predictions.csv</c>, <c>test-scores.csv</c> and <c>compare.png</c>.</summary>
internal static class ComparisonReport
{
    public static string Table(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var oneDimensional = result.Axis is not null;
        List<string> header = ["SURROGATE", "KENDALL τ", .. oneDimensional ? new[] { "τ BELOW", "τ ABOVE" } : [], "SPEARMAN", $"P@{result.K}", "TOP-1 (TRUE RANK)", "REGRET", "FIT s", "PREDICT s"];
        var rows = result.Surrogates.Select(s => (IReadOnlyList<string>)
        [
            s.Name,
            Format(s.Stat(m => m.KendallTau)),
            .. oneDimensional ? new[] { Format(s.Stat(m => m.KendallTauBelow)), Format(s.Stat(m => m.KendallTauAbove)) } : [],
            Format(s.Stat(m => m.Spearman)),
            Format(s.Stat(m => m.PrecisionAtK)),
            Top1(s),
            Format(s.Stat(m => m.Top1Regret), "F4"),
            Format(s.Stat(m => m.FitSeconds), "F2"),
            Format(s.Stat(m => m.PredictSeconds), "F2"),
        ]);
        return TextTable.Render(header, rows);
    }

    public static JObject Json(ComparisonResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var json = new JObject
        {
            ["metric"] = result.Metric.Name,
            ["goal"] = result.Metric.Goal.ToString().ToLowerInvariant(),
            ["train"] = result.Split.Train.Count,
            ["test"] = result.Split.Test.Count,
            ["split"] = result.Split.Rule,
            ["k"] = result.K,
            ["seeds"] = result.Surrogates.FirstOrDefault()?.Seeds.Count ?? 0,
        };
        if (result.Folds is { } folds)
        {
            // Each fit is one fold: its own training and test rows.
            json["folds"] = folds.Count;
            json["train"] = new JArray(folds.Select(f => f.Train.Count));
            json["test"] = new JArray(folds.Select(f => f.Test.Count));
        }
        else if (result.Axis is { } axis)
        {
            json["axis"] = axis.Name;
            json["train_range"] = new JArray(result.Split.Train.Min(r => axis.PositionOf(r.Motif)), result.Split.Train.Max(r => axis.PositionOf(r.Motif)));
            var (below, above) = SurrogateComparison.OutsideTrainingRange(axis, result.Split);
            json["test_below_range"] = below.Length;
            json["test_above_range"] = above.Length;
        }

        json["surrogates"] = new JArray(result.Surrogates.Select(s =>
        {
            var entry = new JObject
            {
                ["id"] = s.Name,
                ["plugin"] = s.PluginId,
                ["kendall_tau"] = Stat(s.Stat(m => m.KendallTau)),
                ["spearman"] = Stat(s.Stat(m => m.Spearman)),
                ["precision_at_k"] = Stat(s.Stat(m => m.PrecisionAtK)),
                ["k"] = result.K,
                ["top1"] = new JArray(s.Seeds.Select(m => new JObject { ["motif"] = m.Top1Motif, ["value"] = m.Top1Value, ["true_rank"] = m.Top1TrueRank })),
                ["top1_regret"] = Stat(s.Stat(m => m.Top1Regret)),
                ["fit_seconds"] = Stat(s.Stat(m => m.FitSeconds)),
                ["predict_seconds"] = Stat(s.Stat(m => m.PredictSeconds)),
            };
            if (result.Axis is not null && result.Folds is null)
            {
                entry["kendall_tau_below"] = Stat(s.Stat(m => m.KendallTauBelow));
                entry["kendall_tau_above"] = Stat(s.Stat(m => m.KendallTauAbove));
            }

            entry["warnings"] = new JArray(s.Seeds.SelectMany(m => m.Warnings).Distinct());
            entry["fits"] = new JArray(s.Seeds.Select(m => new JObject(
                new JProperty("seed", m.Seed + 1),
                FitReportJson.Properties(m.FitSummary, m.Notes, m.Warnings, m.Diagnostics))));
            return entry;
        }));
        return json;
    }

    /// <summary>Writes compare.json, predictions.csv, test-scores.csv and compare.png into <paramref name="directory"/>; returns their paths.</summary>
    public static IReadOnlyList<string> Write(ComparisonResult result, string directory, string title)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(directory);
        var jsonPath = Path.Combine(directory, "compare.json");
        File.WriteAllText(jsonPath, Json(result).ToString(Formatting.Indented) + "\n");
        var csvPath = Path.Combine(directory, "predictions.csv");
        File.WriteAllText(csvPath, PredictionsCsv(result));
        var scoresPath = Path.Combine(directory, "test-scores.csv");
        WriteTestScores(result, scoresPath);
        var plotPath = Path.Combine(directory, "compare.png");
        Plot(result, plotPath, title);
        return [jsonPath, csvPath, scoresPath, plotPath];
    }

    /// <summary>
    /// Every fit's score of every test motif (predictions.csv holds the first seed's only), so that each
    /// figure of compare.json can be recomputed from data: <c>scripts/compare-tau.py</c> does it for τ.
    /// </summary>
    private static void WriteTestScores(ComparisonResult result, string path)
    {
        using var scores = new StreamWriter(path);
        scores.WriteLine("surrogate,seed,motif,value,score");
        foreach (var surrogate in result.Surrogates)
        {
            for (var fit = 0; fit < surrogate.Seeds.Count; fit++)
            {
                var metrics = surrogate.Seeds[fit];
                // A cross-validation's fits are its folds, in order, each scored on its own test rows.
                var test = result.Folds is { } folds ? folds[fit].Test : result.Split.Test;
                for (var i = 0; i < metrics.TestScores.Count; i++)
                {
                    scores.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{surrogate.Name},{metrics.Seed + 1},{CsvText.Field(test[i].Motif.Key)},{test[i].Value:R},{metrics.TestScores[i]:R}"));
                }
            }
        }
    }

    private static string PredictionsCsv(ComparisonResult result)
    {
        var train = result.Split.Train.ToHashSet();
        var foldOf = result.Folds is { } folds ? folds.SelectMany((f, i) => f.Test.Select(r => (r, i))).ToDictionary(p => p.r, p => p.i) : null;
        var header = new List<string> { "motif" };
        if (result.Axis is not null)
        {
            header.Add("position");
        }

        header.AddRange(["value", "split", .. result.Surrogates.Select(s => s.Name)]);
        var lines = new List<string> { string.Join(',', header) };
        for (var i = 0; i < result.Rows.Count; i++)
        {
            var row = result.Rows[i];
            var cells = new List<string> { row.Motif.Key };
            if (result.Axis is { } axis)
            {
                cells.Add(axis.PositionOf(row.Motif).ToString("R", CultureInfo.InvariantCulture));
            }

            cells.Add(row.Value.ToString("R", CultureInfo.InvariantCulture));
            cells.Add(foldOf is not null ? string.Create(CultureInfo.InvariantCulture, $"fold {foldOf[row] + 1}") : train.Contains(row) ? "train" : "test");
            cells.AddRange(result.Surrogates.Select(s => i < s.Curve.Count ? s.Curve[i].ToString("R", CultureInfo.InvariantCulture) : ""));
            lines.Add(string.Join(',', cells));
        }

        return string.Join('\n', lines) + "\n";
    }

    private static void Plot(ComparisonResult result, string path, string title)
    {
        var scores = result.Rows.Select(r => result.Metric.ToScore(r.Value)).ToArray();
        if (result.Axis is { } axis)
        {
            // The paper's Figure 1: normalised ground truth and normalised predictions along the motif axis.
            var order = Enumerable.Range(0, result.Rows.Count).OrderBy(i => axis.PositionOf(result.Rows[i].Motif)).ToArray();
            var x = order.Select(i => axis.PositionOf(result.Rows[i].Motif)).ToArray();
            var truth = RankMetrics.Standardise(scores);
            var series = new List<ChartSeries> { new("ground truth", x, [.. order.Select(i => truth[i])]) };
            series.AddRange(result.Surrogates.Where(s => s.Curve.Count == result.Rows.Count).Select(s =>
            {
                var z = RankMetrics.StandardiseScores(s.Curve);
                var label = result.Folds is null ? $"{s.Name} (seed 1{(s.Seeds.FirstOrDefault()?.FitSummary is { } summary ? $": {summary}" : "")})" : $"{s.Name} (out-of-fold)";
                return new ChartSeries(label, x, [.. order.Select(i => z[i])], Lines: false);
            }));
            var low = result.Split.Train.Min(r => axis.PositionOf(r.Motif));
            var high = result.Split.Train.Max(r => axis.PositionOf(r.Motif));
            var yLabel = $"normalised {result.Metric.Name}" + (result.Metric.Goal == Abstractions.MetricGoal.Minimize ? " (negated: higher is better)" : "");
            Charts.Save(path, title, axis.Name, yLabel, series, result.Folds is null ? (low, high) : null, result.Folds is null ? "training motifs' range" : null);
            return;
        }

        // Otherwise: predicted rank against true rank of the test motifs (1 = best).
        var testScores = result.Split.Test.Select(r => result.Metric.ToScore(r.Value)).ToArray();
        var trueRank = BestFirstRanks(testScores);
        var test = result.Split.Test.ToHashSet();
        var testIndex = Enumerable.Range(0, result.Rows.Count).Where(i => test.Contains(result.Rows[i])).ToArray();
        var rankSeries = result.Surrogates.Where(s => s.Curve.Count == result.Rows.Count).Select(s =>
        {
            var predictedRank = BestFirstRanks([.. testIndex.Select(i => s.Curve[i])]);
            return new ChartSeries($"{s.Name} (seed 1)", trueRank, predictedRank, Lines: false);
        }).ToList();
        rankSeries.Insert(0, new ChartSeries("perfect ranking", [1, testScores.Length], [1, testScores.Length]));
        Charts.Save(path, title, "true rank (1 = best)", "predicted rank", rankSeries);
    }

    private static double[] BestFirstRanks(double[] scores) => Ranks.Average([.. scores.Select(s => -s)]);

    internal static JObject Stat(Statistic statistic) => new()
    {
        ["mean"] = Number(statistic.Mean),
        ["std"] = Number(statistic.Std),
        ["values"] = new JArray(statistic.Values.Select(Number)),
    };

    internal static JToken Number(double value) => double.IsFinite(value) ? new JValue(value) : JValue.CreateNull();

    private static string Top1(SurrogateSummary summary) => string.Join("; ", summary.Seeds.Select(m => $"{m.Top1Motif} ({m.Top1TrueRank})").Distinct().Take(3))
        + (summary.Seeds.Select(m => m.Top1Motif).Distinct().Count() > 3 ? "; …" : "");

    internal static string Format(Statistic statistic, string format = "F3")
    {
        if (double.IsNaN(statistic.Mean))
        {
            return "–";
        }

        var mean = statistic.Mean.ToString(format, CultureInfo.InvariantCulture);
        return statistic.Values.Count > 1 ? $"{mean} ± {statistic.Std.ToString(format, CultureInfo.InvariantCulture)}" : mean;
    }
}
