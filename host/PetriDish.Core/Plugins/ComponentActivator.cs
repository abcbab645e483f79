using Microsoft.Extensions.DependencyInjection;
using PetriDish.Abstractions;

namespace PetriDish.Core.Plugins;

/// <summary>
/// Creates every plugin component (search space, surrogate, optimizer) of a manifest: the one place
/// that turns a bound plugin into a component. It resolves the plugin's entry from the host's services
/// under the kind's contract, keyed by plugin id (registered by <see cref="PetriDishServiceCollectionExtensions.AddPetriDish"/>),
/// so no caller needs to know how an entry creates what it creates.
/// </summary>
internal sealed class ComponentActivator(IServiceProvider services)
{
    /// <summary>Creates the search space of <paramref name="plugin"/> with its bound settings.</summary>
    public ISearchSpace CreateSearchSpace(BoundPlugin plugin, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return Entry<ISearchSpacePlugin>(plugin).Create(plugin.Settings, context);
    }

    /// <summary>Creates an unfitted surrogate of <paramref name="plugin"/> over <paramref name="space"/>.</summary>
    public ISurrogate CreateSurrogate(BoundPlugin plugin, ISearchSpace space, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return Entry<ISurrogatePlugin>(plugin).Create(plugin.Settings, space, context);
    }

    /// <summary>Creates the optimizer of <paramref name="plugin"/> over <paramref name="space"/>.</summary>
    public IOptimizer CreateOptimizer(BoundPlugin plugin, ISearchSpace space, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        return Entry<IOptimizerPlugin>(plugin).Create(plugin.Settings, space, context);
    }

    private TEntry Entry<TEntry>(BoundPlugin plugin)
        where TEntry : class, IPlugin =>
        services.GetKeyedService<TEntry>(plugin.Entry.Id)
            ?? throw new InvalidOperationException($"plugin '{plugin.Entry.Id}' is {PluginKinds.Describe(plugin.Entry.Kind)}, not registered as a {typeof(TEntry).Name} in this host");
}
