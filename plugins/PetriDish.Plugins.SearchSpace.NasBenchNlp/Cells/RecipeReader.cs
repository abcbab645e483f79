using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// Reads the release's recipe form of a cell: a JSON object mapping node names to
/// <c>{"op": …, "input": [names]}</c> (e.g. <c>{"node_0": {"op": "linear", "input": ["x", "h_prev_0"]}, "h_new_0": {"op": "activation_tanh", "input": ["node_0"]}}</c>).
/// </summary>
public static class RecipeReader
{
    /// <summary>The named nodes of a recipe given as JSON text; <paramref name="shown"/> names it in errors.</summary>
    /// <exception cref="MotifFormatException">Not a recipe; the message says where.</exception>
    public static IReadOnlyList<NamedNode> Read(string json, string shown)
    {
        JToken recipe;
        try
        {
            recipe = Parse(json);
        }
        catch (JsonException ex)
        {
            throw new MotifFormatException(shown, $"the recipe is not valid JSON ({ex.Message})");
        }

        return Read(recipe, shown);
    }

    /// <summary>The named nodes of a recipe object.</summary>
    /// <exception cref="MotifFormatException">Not a recipe; the message says where.</exception>
    public static IReadOnlyList<NamedNode> Read(JToken recipe, string shown)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (recipe is not JObject nodesByName)
        {
            throw new MotifFormatException(shown, $"a recipe is a JSON object of nodes, not {Describe(recipe.Type)}");
        }

        var nodes = new List<NamedNode>();
        foreach (var property in nodesByName.Properties())
        {
            var name = property.Name;
            if (property.Value is not JObject node)
            {
                throw new MotifFormatException(shown, $"node '{name}' is {Describe(property.Value.Type)}, not an object with 'op' and 'input'");
            }

            if (node["op"] is not JValue { Type: JTokenType.String } op)
            {
                throw new MotifFormatException(shown, $"node '{name}' has no 'op' string");
            }

            if (!CellOps.TryParse((string)op!, out var parsed))
            {
                throw new MotifFormatException(shown, $"node '{name}' has op '{(string)op!}', which is not an operation of the space ({string.Join(", ", CellOps.All.Select(CellOps.RecipeName))})");
            }

            if (node["input"] is not JArray input || input.Any(i => i.Type != JTokenType.String))
            {
                throw new MotifFormatException(shown, $"node '{name}' has no 'input' array of node names");
            }

            nodes.Add(new NamedNode(name, parsed, [.. input.Select(i => (string)i!)]));
        }

        return nodes;
    }

    /// <summary>
    /// Parses JSON as the release writes it: numbers as doubles, strings never read as dates, and a
    /// property named twice an error (a recipe naming a node twice is not one cell).
    /// </summary>
    internal static JToken Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, FloatParseHandling = FloatParseHandling.Double };
        return JToken.ReadFrom(reader, new JsonLoadSettings { DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error });
    }

    private static string Describe(JTokenType type) => type switch
    {
        JTokenType.Array => "an array",
        JTokenType.String => "a string",
        JTokenType.Integer or JTokenType.Float => "a number",
        JTokenType.Null => "null",
        JTokenType.Boolean => "a boolean",
        _ => type.ToString().ToLowerInvariant(),
    };
}
