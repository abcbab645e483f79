
namespace PetriDish.Core.Manifest;

/// <summary>A manifest's text as a command reads it.</summary>
public static class ManifestText
{
    /// <summary>The manifest's text with its seed replaced (<c>--seed</c>): a run stores (and resumes from) exactly this.</summary>
    public static string WithSeed(string manifestPath, int seed)
    {
        if (!File.Exists(manifestPath))
        {
            throw new InvalidInputException($"manifest file not found: {manifestPath}");
        }

        try
        {
            var json = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(manifestPath));
            json["seed"] = seed;
            return json.ToString();
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return File.ReadAllText(manifestPath); // The validation reports the syntax error with its position.
        }
    }

    /// <summary>Whether <paramref name="text"/> holds nothing but whitespace and comments.</summary>
    public static bool IsBlank(string text)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader(text));
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType != Newtonsoft.Json.JsonToken.Comment)
                {
                    return false;
                }
            }

            return true;
        }
        catch (Newtonsoft.Json.JsonReaderException)
        {
            return false; // Not blank: the parse reports the syntax error with its position.
        }
    }
}
