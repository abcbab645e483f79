namespace PetriDish.Dashboard.Views;

/// <summary>
/// When and how large a folder's files were: a view read from them is reused while the stamp holds, so
/// that a page polled every second reads a store only when something was written to it.
/// </summary>
internal static class FileStamp
{
    public static string Of(string folder, params string[] names) => string.Join('|', names.Select(name =>
    {
        var file = new FileInfo(Path.Combine(folder, name));
        return file.Exists ? $"{file.Length}@{file.LastWriteTimeUtc.Ticks}" : "-";
    }));
}
