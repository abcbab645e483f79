namespace PetriDish.Abstractions;

/// <summary>A plugin that creates an optimizer for a search space.</summary>
public interface IOptimizerPlugin : IPlugin
{
    /// <summary>Creates a fresh optimizer.</summary>
    IOptimizer Create(object settings, ISearchSpace searchSpace, PluginContext context);
}
