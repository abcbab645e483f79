namespace PetriDish.Abstractions;

/// <summary>Base of optimizer plugins.</summary>
/// <typeparam name="TSettings">The settings type bound from the manifest.</typeparam>
public abstract class OptimizerPlugin<TSettings> : PluginBase<TSettings>, IOptimizerPlugin
    where TSettings : class, new()
{
    /// <inheritdoc />
    public sealed override PluginKind Kind => PluginKind.Optimizer;

    /// <inheritdoc />
    public IOptimizer Create(object settings, ISearchSpace searchSpace, PluginContext context) => Create(Cast(settings), searchSpace, context);

    /// <summary>Creates the optimizer from typed settings.</summary>
    protected abstract IOptimizer Create(TSettings settings, ISearchSpace searchSpace, PluginContext context);
}
