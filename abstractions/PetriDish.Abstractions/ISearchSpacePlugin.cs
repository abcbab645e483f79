namespace PetriDish.Abstractions;

/// <summary>A plugin that creates a search space.</summary>
public interface ISearchSpacePlugin : IPlugin
{
    /// <summary>Creates the search space (cheaply: no tensors, no large reads; see <see cref="ISearchSpace"/>).</summary>
    ISearchSpace Create(object settings, PluginContext context);
}
