namespace PetriDish.Abstractions;

/// <summary>A plugin that creates a surrogate for a search space.</summary>
public interface ISurrogatePlugin : IPlugin
{
    /// <summary>Creates an unfitted surrogate.</summary>
    ISurrogate Create(object settings, ISearchSpace searchSpace, PluginContext context);
}
