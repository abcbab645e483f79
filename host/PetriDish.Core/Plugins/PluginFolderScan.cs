namespace PetriDish.Core.Plugins;

/// <summary>What <see cref="PluginDiscovery.Scan"/> found in a plugin folder.</summary>
/// <param name="Assemblies">The plugin assemblies to load, in order.</param>
/// <param name="Unloadable">Files that look like (parts of) a plugin but cannot be loaded, each with why.</param>
internal sealed record PluginFolderScan(IReadOnlyList<string> Assemblies, IReadOnlyList<PluginLoadFailure> Unloadable);
