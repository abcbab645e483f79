using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Manifest;

/// <summary>
/// Reads a manifest's <c>pluginPaths</c> before validation, so that its plugins are in the catalog the
/// validation checks against. Lenient: any problem here is reported by the real validation.
/// </summary>
public static class ManifestPeek
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
            // A manifest that is not a JSON object ([1, 2], "text", null) has no plugin paths: the
            // validation says what is wrong with it, with its line and column.
            return JToken.Parse(File.ReadAllText(manifestPath), new JsonLoadSettings { CommentHandling = CommentHandling.Ignore }) is JObject { } frame
                && frame["pluginPaths"] is JArray paths
                ? [.. paths.OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => Path.GetFullPath((string)v!, baseDirectory))]
                : [];
        }
        catch (Exception ex) when (ex is Newtonsoft.Json.JsonException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            return [];
        }
    }
}
