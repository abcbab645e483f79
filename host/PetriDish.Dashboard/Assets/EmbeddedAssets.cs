using System.Reflection;

namespace PetriDish.Dashboard.Assets;

/// <summary>The page shell, stylesheet and script, embedded in this assembly and served by exact name only.</summary>
internal static class EmbeddedAssets
{
    private static readonly Dictionary<string, (byte[] Content, string Type)> Files = Load();

    /// <summary>The asset named <paramref name="name"/> (e.g. <c>dashboard.js</c>), or null: no other name reaches a file.</summary>
    public static (byte[] Content, string Type)? Find(string name) => Files.TryGetValue(name, out var file) ? file : null;

    /// <summary>The page shell's text.</summary>
    public static string Shell => System.Text.Encoding.UTF8.GetString(Files["page.html"].Content);

    private static Dictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("assets/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource["assets/".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".js" => "text/javascript; charset=utf-8",
                ".css" => "text/css; charset=utf-8",
                _ => "text/html; charset=utf-8",
            };
            files[name] = (copy.ToArray(), type);
        }

        return files;
    }
}
