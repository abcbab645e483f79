using System.Text;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;

/// <summary>
/// Python's <c>json.dump</c> writes non-finite floats as the bare words <c>NaN</c>, <c>Infinity</c>
/// and <c>-Infinity</c>, which JSON does not allow; the release's logs of diverged runs hold them.
/// </summary>
internal static class PythonJson
{
    private static readonly string[] Literals = ["-Infinity", "Infinity", "NaN"];

    /// <summary>The text with those words (outside strings) replaced by <c>null</c>.</summary>
    public static string WithoutNonFiniteLiterals(string json)
    {
        StringBuilder? result = null;
        var inString = false;
        var copiedUpTo = 0;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            if (c == '"')
            {
                inString = true;
                continue;
            }

            foreach (var literal in Literals)
            {
                if (string.CompareOrdinal(json, i, literal, 0, literal.Length) == 0)
                {
                    result ??= new StringBuilder(json.Length);
                    result.Append(json, copiedUpTo, i - copiedUpTo).Append("null");
                    i += literal.Length - 1;
                    copiedUpTo = i + 1;
                    break;
                }
            }
        }

        return result is null ? json : result.Append(json, copiedUpTo, json.Length - copiedUpTo).ToString();
    }
}
