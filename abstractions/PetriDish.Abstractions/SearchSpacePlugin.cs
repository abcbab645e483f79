namespace PetriDish.Abstractions;

/// <summary>Base of search-space plugins.</summary>
/// <typeparam name="TSettings">The settings type bound from the manifest.</typeparam>
public abstract class SearchSpacePlugin<TSettings> : PluginBase<TSettings>, ISearchSpacePlugin
    where TSettings : class, new()
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.SearchSpace;

    /// <inheritdoc />
    public ISearchSpace Create(object settings, PluginContext context) => Create(Cast(settings), context);

    /// <summary>Creates the search space from typed settings.</summary>
    protected abstract ISearchSpace Create(TSettings settings, PluginContext context);
}
