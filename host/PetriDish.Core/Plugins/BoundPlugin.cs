using PetriDish.Abstractions;
using PetriDish.Core.Plugins;

namespace PetriDish.Core.Manifest;

/// <summary>A plugin from the manifest with its settings bound to the plugin's settings type and validated.</summary>
/// <param name="Name">The name in reports (the plugin id unless the manifest names it).</param>
/// <param name="Plugin">The loaded plugin.</param>
/// <param name="Settings">The bound settings object.</param>
/// <param name="SettingsJson">The settings as written in the manifest.</param>
public sealed record BoundPlugin(string Name, LoadedPlugin Plugin, object Settings, string SettingsJson)
{
    public IPlugin Entry => Plugin.Entry;
}
