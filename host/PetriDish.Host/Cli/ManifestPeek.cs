using Newtonsoft.Json.Linq;

namespace PetriDish.Host.Cli;

/// <summary>
/// Reads a manifest's <c>pluginPaths</c> before validation, so that its plugins are in the catalog the
/// validation checks against. Lenient: any problem here is reported by the real validation.
/// </summary>
internal static class ManifestPeek
{
    public static IReadOnlyList<string> PluginPaths(string? manifestPath)
    {
        if (manifestPath is null || !File.Exists(manifestPath))
        {
            return [];
        }

        try
        {
            var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(manifestPath))!;
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
