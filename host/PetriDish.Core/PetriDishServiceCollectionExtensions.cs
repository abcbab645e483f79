using Microsoft.Extensions.DependencyInjection;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;

namespace PetriDish.Core;

/// <summary>Registers PetriDish's composition in a host's services.</summary>
internal static class PetriDishServiceCollectionExtensions
{
    /// <summary>
    /// Registers the loaded plugins and what composes them: each plugin entry under its kind's contract
    /// (<c>ISearchSpacePlugin</c>, <c>ISurrogatePlugin</c>, <c>IOptimizerPlugin</c>) keyed by its id, the
    /// catalog, the activator that creates every component, and the manifest loader. Logging
    /// (<c>ILoggerFactory</c>) comes from the host.
    /// </summary>
    public static IServiceCollection AddPetriDish(this IServiceCollection services, PluginCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(catalog);
        services.AddSingleton(catalog);
        foreach (var plugin in catalog.Plugins)
        {
            services.AddKeyedSingleton(PluginKinds.Contract(plugin.Entry.Kind), plugin.Entry.Id, plugin.Entry);
        }

        services.AddSingleton<ComponentActivator>();
        services.AddSingleton<ManifestLoader>();
        return services;
    }
}
