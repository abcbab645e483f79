using PetriDish.Abstractions;

namespace PetriDish.Core.Plugins;

/// <summary>A plugin entry the host loaded, and where it came from.</summary>
/// <param name="Entry">The plugin entry.</param>
/// <param name="AssemblyPath">The absolute path of the plugin's assembly.</param>
public sealed record LoadedPlugin(IPlugin Entry, string AssemblyPath)
{
    /// <summary>The kind in manifest and CLI spelling (<c>search-space</c>, <c>surrogate</c>, <c>optimizer</c>).</summary>
    public string KindName => PluginKinds.Name(Entry.Kind);
}
