namespace PetriDish.Core.Reports;

/// <summary>
/// Writes a file whole or not at all: the text goes to a sibling first and is renamed over the target,
/// so a process killed mid-write leaves the old file (or none), never a truncated one. Files whose mere
/// existence means something (a run's best.json says "finished") must be written this way.
/// </summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var partial = path + ".partial";
        File.WriteAllText(partial, text);
        File.Move(partial, path, overwrite: true);
    }
}
