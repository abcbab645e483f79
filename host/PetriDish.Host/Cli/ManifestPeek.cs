using Newtonsoft.Json.Linq;

namespace PetriDish.Host.Cli;

/// <summary>
/// Reads a manifest's <c>pluginPaths</c> before validation, so that its plugins are in the catalog the
/// validation checks against. Lenient: any problem here is reported by the real validation.
/// </summary>
internal static class ManifestPeek
{
    /// <param name="manifestPath">The manifest file.</param>
    /// <param name="baseDirectory">The folder its relative paths refer to (default: its own folder).</param>
    public static IReadOnlyList<string> PluginPaths(string? manifestPath, string? baseDirectory = null)
    {
        if (manifestPath is null || !File.Exists(manifestPath))
        {
            return [];
        }

        try
        {
            baseDirectory = Path.GetFullPath(baseDirectory ?? Path.GetDirectoryName(Path.GetFullPath(manifestPath))!);
            return JToken.Parse(File.ReadAllText(manifestPath))["pluginPaths"] is JArray paths
                ? [.. paths.OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => Path.GetFullPath((string)v!, baseDirectory))]
                : [];
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return [];
        }
    }
}
