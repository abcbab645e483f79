using Newtonsoft.Json;
namespace PetriDish.Core.Manifest;

/// <summary>A surrogate named in the manifest; several may use the same plugin under different names.</summary>
public sealed class SurrogateReference : PluginReference
{
    public string? Name { get; init; }

    /// <summary>The name used in reports and by <c>search.surrogate</c>.</summary>
    [JsonIgnore]
    public string DisplayName => Name ?? Plugin;

    /// <summary>A surrogate of plugin <paramref name="plugin"/> with <paramref name="settings"/>, named <paramref name="name"/> in reports (default: the plugin id).</summary>
    public static SurrogateReference Create(string plugin, object? settings = null, string? name = null) =>
        new() { Plugin = plugin, Name = name, Settings = ManifestJson.SettingsObject(settings) };
}
