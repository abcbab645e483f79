using PetriDish.Abstractions;

namespace PetriDish.Core.Plugins;

/// <summary>The plugins the host loaded, by id, and the ones it could not load.</summary>
public sealed class PluginCatalog
{
    private readonly Dictionary<string, LoadedPlugin> _byId;

    /// <summary>Creates a catalog.</summary>
    public PluginCatalog(IReadOnlyList<LoadedPlugin> plugins, IReadOnlyList<PluginLoadFailure> failures)
    {
        Plugins = plugins;
        Failures = failures;
        _byId = plugins.ToDictionary(p => p.Entry.Id, StringComparer.Ordinal);
    }

    /// <summary>Loaded plugins, ordered by kind then id.</summary>
    public IReadOnlyList<LoadedPlugin> Plugins { get; }

    /// <summary>Plugins that were found but not loaded.</summary>
    public IReadOnlyList<PluginLoadFailure> Failures { get; }

    /// <summary>The plugin with this id, if loaded.</summary>
    public LoadedPlugin? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Ids of the loaded plugins of one kind.</summary>
    public IEnumerable<string> IdsOf(PluginKind kind) => Plugins.Where(p => p.Entry.Kind == kind).Select(p => p.Entry.Id);
}
