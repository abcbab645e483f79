using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;
using PetriDish.Sdk.Conformance;

namespace PetriDish.Core.Conformance;

/// <summary>
/// <c>petridish check</c>'s work: each search-space plugin of a folder created as a manifest would
/// create it (settings validated the same way), then checked against the contracts' rules by
/// <see cref="SearchSpaceConformance"/>.
/// </summary>
internal static class PluginConformance
{
    /// <summary>The rule reported when a plugin cannot even be created with the settings given.</summary>
    public const string Creation = "creates-with-settings";

    /// <summary>Checks search-space plugin <paramref name="plugin"/> with <paramref name="settings"/> (null: its defaults).</summary>
    /// <param name="loader">The manifest loader of the host that loaded the plugin.</param>
    /// <param name="plugin">The plugin, a search space.</param>
    /// <param name="settings">Its settings as in a manifest, or null.</param>
    /// <param name="baseDirectory">The folder its relative paths resolve against.</param>
    /// <param name="seed">The seed of the motifs and tensors the rules draw.</param>
    public static IReadOnlyList<ConformanceResult> CheckSearchSpace(ManifestLoader loader, LoadedPlugin plugin, JObject? settings, string baseDirectory, int seed)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(plugin);
        if (plugin.Entry.Kind != PluginKind.SearchSpace)
        {
            throw new ArgumentException($"plugin '{plugin.Entry.Id}' is {PluginKinds.Describe(plugin.Entry.Kind)}; only search spaces have conformance rules", nameof(plugin));
        }

        var manifest = new ExperimentManifest { Name = "check-" + plugin.Entry.Id, Seed = seed, SearchSpace = PluginReference.Create(plugin.Entry.Id, settings) };
        ValidatedManifest validated;
        try
        {
            var path = Path.Combine(Path.GetFullPath(baseDirectory), manifest.Name + ".json");
            validated = loader.Load(ManifestSource.FromText(ManifestJson.Write(manifest), path), reads: ManifestReads.None);
        }
        catch (ManifestValidationException ex)
        {
            return [new ConformanceResult(plugin.Entry.Id, Creation, false, string.Join("; ", ex.Errors.Select(Describe)))];
        }

        return [new ConformanceResult(plugin.Entry.Id, Creation, true, validated.SearchSpaceInstance.Description), .. SearchSpaceConformance.Check(plugin.Entry.Id, validated.SearchSpaceInstance, seed)];
    }

    // The manifest was built here, so its file and line mean nothing to the user: the path inside the settings does.
    private static string Describe(ManifestError error) =>
        error.JsonPath.StartsWith("$.searchSpace.", StringComparison.Ordinal) ? $"{error.JsonPath["$.searchSpace.".Length..]}: {error.Message}" : error.Message;
}
