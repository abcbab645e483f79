using PetriDish.Abstractions;

namespace PetriDish.Core.Plugins;

/// <summary>Plugin contexts derived from the manifest's one.</summary>
public static class PluginContextExtensions
{
    /// <summary>The same context with another seed: for one component of many (a run's surrogate, a comparison's seed, a ranking).</summary>
    public static PluginContext WithSeed(this PluginContext context, int seed)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new PluginContext
        {
            Device = context.Device,
            Seed = seed,
            BaseDirectory = context.BaseDirectory,
            LoggerFactory = context.LoggerFactory,
            Services = context.Services,
        };
    }
}
