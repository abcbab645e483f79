using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Manifest;

/// <summary>
/// A manifest read and parsed once: its text, its JSON (with line numbers) or why it could not be
/// parsed. Both the plugin folders it names (needed before the plugins are loaded) and the validation
/// (<see cref="ManifestLoader"/>) read this one parse.
/// </summary>
internal sealed class ManifestSource
{
    private ManifestSource(string filePath, string text, JToken? root, ManifestError? problem)
    {
        FilePath = filePath;
        Text = text;
        Root = root;
        Problem = problem;
    }

    /// <summary>The manifest file's absolute path (for a stored or code-built manifest: the file it stands for).</summary>
    public string FilePath { get; }

    /// <summary>The folder relative paths are resolved against.</summary>
    public string BaseDirectory => Path.GetDirectoryName(FilePath)!;

    /// <summary>The text a run stores and resumes from.</summary>
    public string Text { get; }

    /// <summary>The parsed JSON, with line information; null if <see cref="Problem"/> says why there is none.</summary>
    internal JToken? Root { get; }

    /// <summary>Why the manifest could not be read or parsed, or null.</summary>
    internal ManifestError? Problem { get; }

    /// <summary>Reads and parses the manifest file at <paramref name="path"/> (a missing file or bad JSON is reported by the validation).</summary>
    public static ManifestSource Read(string path)
    {
        var file = Path.GetFullPath(path);
        if (!File.Exists(file))
        {
            return new ManifestSource(file, "", null, new ManifestError(Shown(file), "$", null,
                Directory.Exists(file) ? "this is a folder; give the manifest file (e.g. manifests/sigmoid-slope.json)" : "manifest file not found"));
        }

        return FromText(File.ReadAllText(file), file);
    }

    /// <summary>Parses manifest <paramref name="text"/> as if it were the file at <paramref name="path"/> (relative paths resolve against its folder).</summary>
    public static ManifestSource FromText(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        var file = Path.GetFullPath(path);

        // JSON.NET reports an empty text as "Error reading JToken" at line 0: say what it is.
        if (IsBlank(text))
        {
            return new ManifestSource(file, text, null, new ManifestError(Shown(file), "$", null, "the manifest is empty (nothing but whitespace or comments); expected a JSON object such as manifests/sigmoid-slope.json"));
        }

        try
        {
            var root = JToken.Parse(text, new JsonLoadSettings { LineInfoHandling = LineInfoHandling.Load, DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error, CommentHandling = CommentHandling.Ignore });
            return new ManifestSource(file, text, root, null);
        }
        catch (JsonReaderException ex)
        {
            return new ManifestSource(file, text, null, new ManifestError(Shown(file), string.IsNullOrEmpty(ex.Path) ? "$" : "$." + ex.Path, null, "not valid JSON: " + FirstSentence(ex.Message), ex.LineNumber, ex.LinePosition));
        }
    }

    /// <summary>
    /// This manifest with its seed replaced (<c>--seed</c>): the stored text says the new seed, while errors
    /// keep the line numbers of the file as written.
    /// </summary>
    public ManifestSource WithSeed(int seed)
    {
        if (Root is not JObject frame)
        {
            return this; // The validation reports what is wrong with it.
        }

        var replaced = (JObject)frame.DeepClone();
        replaced["seed"] = seed;
        return new ManifestSource(FilePath, replaced.ToString(), replaced, null);
    }

    /// <summary>
    /// The absolute plugin folders of <c>pluginPaths</c>, resolved against <paramref name="baseDirectory"/>
    /// (default: the manifest's folder). Lenient: anything malformed is left to the validation to report.
    /// </summary>
    public IReadOnlyList<string> PluginPaths(string? baseDirectory = null)
    {
        var folder = Path.GetFullPath(baseDirectory ?? BaseDirectory);
        return Root is JObject { } frame && frame["pluginPaths"] is JArray paths
            ? [.. paths.OfType<JValue>().Where(v => v.Type == JTokenType.String).Select(v => Path.GetFullPath((string)v!, folder))]
            : [];
    }

    // Relative to the working directory when inside it, so messages stay short; absolute otherwise.
    internal static string Shown(string file)
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }

    internal static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path '", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }

    private static bool IsBlank(string text)
    {
        using var reader = new JsonTextReader(new StringReader(text));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonToken.Comment)
                {
                    return false;
                }
            }

            return true;
        }
        catch (JsonReaderException)
        {
            return false; // Not blank: the parse reports the syntax error with its position.
        }
    }
}
