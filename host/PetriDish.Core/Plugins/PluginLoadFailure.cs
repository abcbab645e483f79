namespace PetriDish.Core.Plugins;

/// <summary>A plugin the host found but could not load; the others load regardless.</summary>
/// <param name="Name">The plugin's assembly (or folder) name.</param>
/// <param name="Path">Where it was found.</param>
/// <param name="Reason">Why it could not be loaded.</param>
public sealed record PluginLoadFailure(string Name, string Path, string Reason);
