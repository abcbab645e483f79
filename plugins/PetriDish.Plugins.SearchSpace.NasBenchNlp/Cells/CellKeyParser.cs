using System.Text.RegularExpressions;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// Reads a cell as users write it: a key <c>nlp-cell:NAME=OP(INPUT …);…</c> with any node names, in
/// any order, inputs separated by spaces or commas, operations by their key or recipe names
/// (<c>tanh</c> or <c>activation_tanh</c>); or a recipe, the release's JSON object of nodes.
/// </summary>
public static partial class CellKeyParser
{
    /// <summary>The canonical cell of <paramref name="text"/>.</summary>
    /// <exception cref="MotifFormatException">The text is not a valid cell; the message says what is wrong.</exception>
    public static NlpCell Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith('{'))
        {
            return CellCanonicalizer.Canonicalize(RecipeReader.Read(trimmed, text), text);
        }

        if (!trimmed.StartsWith(NlpCell.Prefix, StringComparison.Ordinal))
        {
            throw new MotifFormatException(text, $"a cell key starts with '{NlpCell.Prefix}' (e.g. {NlpCell.Prefix}n0=linear(x h_prev_0);h_new_0=tanh(n0)), or is a recipe in JSON");
        }

        var definitions = new List<NamedNode>();
        var parts = trimmed[NlpCell.Prefix.Length..].Split(';');
        for (var i = 0; i < parts.Length; i++)
        {
            if (parts[i].Trim().Length == 0)
            {
                continue;
            }

            var match = Definition().Match(parts[i]);
            if (!match.Success)
            {
                throw new MotifFormatException(text, $"definition {i + 1} ('{parts[i].Trim()}') is not NAME=OP(INPUT …)");
            }

            var op = match.Groups["op"].Value;
            if (!CellOps.TryParse(op, out var parsed))
            {
                throw new MotifFormatException(text, $"'{op}' in definition {i + 1} is not an operation ({CellOps.Names})");
            }

            var inputs = match.Groups["inputs"].Value.Split([' ', ',', '\t'], StringSplitOptions.RemoveEmptyEntries);
            definitions.Add(new NamedNode(match.Groups["name"].Value, parsed, inputs));
        }

        return CellCanonicalizer.Canonicalize(definitions, text);
    }

    [GeneratedRegex(@"^\s*(?<name>[A-Za-z0-9_]+)\s*=\s*(?<op>[A-Za-z_]+)\s*\((?<inputs>[^()]*)\)\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex Definition();
}
