namespace PetriDish.Core.Reports;

/// <summary>Text for the CSV files the reports write.</summary>
internal static class CsvText
{
    /// <summary>A CSV field: quoted when it holds a comma, quote or line break.</summary>
    public static string Field(string text) =>
        text.AsSpan().IndexOfAny(",\"\n\r") < 0 ? text : $"\"{text.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
