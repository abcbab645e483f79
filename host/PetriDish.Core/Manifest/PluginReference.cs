using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Manifest;

/// <summary>A plugin named in the manifest, with its (still unbound) settings.</summary>
public class PluginReference
{
    public string Plugin { get; init; } = "";

    public JObject Settings { get; init; } = [];

    /// <summary>A reference to plugin <paramref name="plugin"/> with <paramref name="settings"/> (an object whose properties are the settings, camelCased as in a manifest).</summary>
    public static PluginReference Create(string plugin, object? settings = null) =>
        new() { Plugin = plugin, Settings = ManifestJson.SettingsObject(settings) };
}
