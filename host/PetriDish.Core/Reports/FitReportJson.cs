using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Reports;

/// <summary>What a surrogate said of one fit, as compare.json and rank.json write it.</summary>
internal static class FitReportJson
{
    /// <summary>
    /// <c>summary</c>, <c>notes</c>, <c>warnings</c> and <c>diagnostics</c> (by name; a non-finite
    /// number as null, which JSON cannot hold otherwise).
    /// </summary>
    public static IEnumerable<JProperty> Properties(string? summary, IReadOnlyList<string> notes, IReadOnlyList<string> warnings, IReadOnlyDictionary<string, double> diagnostics) =>
    [
        new JProperty("summary", summary),
        new JProperty("notes", new JArray(notes)),
        new JProperty("warnings", new JArray(warnings)),
        new JProperty("diagnostics", new JObject(diagnostics.OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => new JProperty(d.Key, double.IsFinite(d.Value) ? d.Value : null)))),
    ];
}
