using Newtonsoft.Json.Linq;
using PetriDish.Dashboard.Catalog;

namespace PetriDish.Dashboard.Views;

/// <summary>Reads a comparison's outputs (<c>compare.json</c>, <c>test-scores.csv</c>) for the dashboard.</summary>
internal sealed class ComparisonReader
{
    private readonly ViewCache<ComparisonDetail> _details = new();
    private readonly ViewCache<ComparisonDetail> _summaries = new();

    /// <summary>What the list shows of a comparison: compare.json's figures, without the test scores.</summary>
    public ComparisonDetail Summary(DashboardItem item) => Current(item, _summaries, withScores: false);

    /// <summary>Everything a comparison's page shows.</summary>
    public ComparisonDetail Detail(DashboardItem item) => Current(item, _details, withScores: true);

    private static ComparisonDetail Current(DashboardItem item, ViewCache<ComparisonDetail> cache, bool withScores)
    {
        ArgumentNullException.ThrowIfNull(item);
        return cache.Get(item.Path, FileStamp.Of(item.Path, "compare.json", "test-scores.csv", "test-scores.csv.gz"), () => Read(item, withScores));
    }

    private static ComparisonDetail Read(DashboardItem item, bool withScores)
    {
        try
        {
            var json = JObject.Parse(File.ReadAllText(Path.Combine(item.Path, "compare.json")));
            var surrogates = ((json["surrogates"] as JArray) ?? []).OfType<JObject>().Select(s => new ComparisonRow(
                (string?)s["id"] ?? "?",
                (string?)s["plugin"],
                (s["kendall_tau"]?["values"] as JArray)?.Count ?? 0,
                Figure(s["kendall_tau"]), Figure(s["spearman"]), Figure(s["precision_at_k"]), (int?)s["k"],
                Figure(s["top1_regret"]), Figure(s["fit_seconds"]), Figure(s["predict_seconds"]))).ToList();
            return new ComparisonDetail(item.Id, item.Label, (string?)json["metric"], (string?)json["goal"], Count(json["train"]), Count(json["test"]), (string?)json["split"],
                surrogates, withScores ? Scores(item.Path) : [], null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Newtonsoft.Json.JsonException or InvalidOperationException or InvalidCastException or FormatException or CsvHelper.CsvHelperException)
        {
            return new ComparisonDetail(item.Id, item.Label, null, null, null, null, null, [], [], $"{item.Path}: {ex.Message}");
        }
    }

    private static int? Count(JToken? token) => token switch
    {
        JArray array => array.Count,
        { Type: JTokenType.Integer } number => (int)number,
        _ => null,
    };

    private static Figure Figure(JToken? token) => token is JObject figure ? new(Numbers.Finite((double?)figure["mean"]), Numbers.Finite((double?)figure["std"])) : new(null, null);

    /// <summary>Each surrogate's first fit (the fit compare.png draws), from test-scores.csv; empty for a comparison that predates it.</summary>
    private static List<ScatterSeries> Scores(string folder)
    {
        if (CsvRows.Find(folder, "test-scores.csv") is not { } path)
        {
            return [];
        }

        return [.. CsvRows.Read(path)
            .GroupBy(r => r["surrogate"], StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.Min(r => int.Parse(r["seed"], System.Globalization.CultureInfo.InvariantCulture));
                var fit = first.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return new ScatterSeries(g.Key, first, [.. g.Where(r => r["seed"] == fit).Select(r => new ScatterPoint(r["motif"], CsvRows.Number(r, "value"), CsvRows.Number(r, "score")))]);
            })];
    }
}
