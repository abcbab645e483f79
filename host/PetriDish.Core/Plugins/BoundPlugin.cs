using PetriDish.Abstractions;

namespace PetriDish.Core.Plugins;

/// <summary>A plugin from the manifest with its settings bound to the plugin's settings type and validated.</summary>
/// <param name="Name">The name in reports (the plugin id unless the manifest names it).</param>
/// <param name="Plugin">The loaded plugin.</param>
/// <param name="Settings">The bound settings: the one form settings take after validation.</param>
/// <param name="SettingsJson">
/// <paramref name="Settings"/> serialized as compact JSON, every default included: what reports print and
/// what a saved surrogate is checked against (two manifests that differ only in spelling out a default agree).
/// </param>
public sealed record BoundPlugin(string Name, LoadedPlugin Plugin, object Settings, string SettingsJson)
{
    public IPlugin Entry => Plugin.Entry;
}
