using PetriDish.Abstractions;

namespace PetriDish.Core.Plugins;

/// <summary>Spelling of plugin kinds in manifests, listings and the CLI.</summary>
internal static class PluginKinds
{
    /// <summary>Every kind, in listing order.</summary>
    public static IReadOnlyList<PluginKind> All { get; } = [PluginKind.SearchSpace, PluginKind.Surrogate, PluginKind.Optimizer];

    /// <summary>The kebab-case name of a kind.</summary>
    public static string Name(PluginKind kind) => kind switch
    {
        PluginKind.SearchSpace => "search-space",
        PluginKind.Surrogate => "surrogate",
        PluginKind.Optimizer => "optimizer",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The contract a plugin entry of <paramref name="kind"/> implements, under which the host registers it.</summary>
    public static Type Contract(PluginKind kind) => kind switch
    {
        PluginKind.SearchSpace => typeof(ISearchSpacePlugin),
        PluginKind.Surrogate => typeof(ISurrogatePlugin),
        PluginKind.Optimizer => typeof(IOptimizerPlugin),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>"a search-space plugin", "an optimizer plugin", ...</summary>
    public static string Describe(PluginKind kind) => (kind == PluginKind.Optimizer ? "an " : "a ") + Name(kind) + " plugin";

    /// <summary>Parses a kebab-case kind name.</summary>
    public static bool TryParse(string name, out PluginKind kind)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(Name(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                kind = candidate;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
