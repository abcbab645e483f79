namespace PetriDish.Core.Reports;

/// <summary>
/// Writes a file whole or not at all: the text goes to a sibling first and is renamed over the target,
/// so a process killed mid-write leaves the old file (or none), never a truncated one. Files whose mere
/// existence means something (a run's best.json says "finished") must be written this way.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, as <see cref="File.WriteAllText(string, string?)"/> does.</summary>
    public static void WriteAllText(string path, string text) =>
        Write(path, file => file.Write(System.Text.Encoding.UTF8.GetBytes(text)));

    /// <summary>Creates the file through <paramref name="write"/>; it appears under <paramref name="path"/> only once complete.</summary>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var partial = path + ".partial";
        using (var file = File.Create(partial))
        {
            write(file);
        }

        File.Move(partial, path, overwrite: true);
    }
}
