using System.Globalization;
using System.IO.Compression;
using CsvHelper;

namespace PetriDish.Dashboard.Views;

/// <summary>The rows of a CSV file with a header (plain or gzip-compressed), each as column → text.</summary>
internal static class CsvRows
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        using var file = File.OpenRead(path);
        using Stream stream = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var text = new StreamReader(stream);
        using var csv = new CsvReader(text, CultureInfo.InvariantCulture);
        var rows = new List<Dictionary<string, string>>();
        if (!csv.Read() || !csv.ReadHeader())
        {
            return rows;
        }

        var header = csv.HeaderRecord ?? [];
        while (csv.Read())
        {
            var row = new Dictionary<string, string>(header.Length, StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = csv.GetField(i) ?? "";
            }

            rows.Add(row);
        }

        return rows;
    }

    public static double? Number(Dictionary<string, string> row, string column) =>
        row.TryGetValue(column, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    /// <summary>The file itself, else its <c>.gz</c>, else null.</summary>
    public static string? Find(string folder, string name)
    {
        var plain = Path.Combine(folder, name);
        return File.Exists(plain) ? plain : File.Exists(plain + ".gz") ? plain + ".gz" : null;
    }
}
