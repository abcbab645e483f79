using System.Text.Json;
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
        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement, shown);
        }
        catch (JsonException ex)
        {
            throw new MotifFormatException(shown, $"the recipe is not valid JSON ({ex.Message})");
        }
    }

    /// <summary>The named nodes of a recipe object.</summary>
    /// <exception cref="MotifFormatException">Not a recipe; the message says where.</exception>
    public static IReadOnlyList<NamedNode> Read(JsonElement recipe, string shown)
    {
        if (recipe.ValueKind != JsonValueKind.Object)
        {
            throw new MotifFormatException(shown, $"a recipe is a JSON object of nodes, not {Describe(recipe.ValueKind)}");
        }

        var nodes = new List<NamedNode>();
        foreach (var property in recipe.EnumerateObject())
        {
            var name = property.Name;
            if (property.Value.ValueKind != JsonValueKind.Object)
            {
                throw new MotifFormatException(shown, $"node '{name}' is {Describe(property.Value.ValueKind)}, not an object with 'op' and 'input'");
            }

            if (!property.Value.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.String)
            {
                throw new MotifFormatException(shown, $"node '{name}' has no 'op' string");
            }

            if (!CellOps.TryParse(op.GetString()!, out var parsed))
            {
                throw new MotifFormatException(shown, $"node '{name}' has op '{op.GetString()}', which is not an operation of the space ({string.Join(", ", CellOps.All.Select(CellOps.RecipeName))})");
            }

            if (!property.Value.TryGetProperty("input", out var input) || input.ValueKind != JsonValueKind.Array || input.EnumerateArray().Any(i => i.ValueKind != JsonValueKind.String))
            {
                throw new MotifFormatException(shown, $"node '{name}' has no 'input' array of node names");
            }

            nodes.Add(new NamedNode(name, parsed, [.. input.EnumerateArray().Select(i => i.GetString()!)]));
        }

        return nodes;
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
