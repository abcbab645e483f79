namespace PetriDish.Abstractions;

/// <summary>Base of surrogate plugins.</summary>
/// <typeparam name="TSettings">The settings type bound from the manifest.</typeparam>
public abstract class SurrogatePlugin<TSettings> : PluginBase<TSettings>, ISurrogatePlugin
    where TSettings : class, new()
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.Surrogate;

    /// <inheritdoc />
    public ISurrogate Create(object settings, ISearchSpace searchSpace, PluginContext context) => Create(Cast(settings), searchSpace, context);

    /// <summary>Creates the surrogate from typed settings.</summary>
    protected abstract ISurrogate Create(TSettings settings, ISearchSpace searchSpace, PluginContext context);
}
