using PetriDish.Abstractions;
using PetriDish.TestPlugins.FutureContract;

[assembly: PetriDishPlugin(typeof(FutureOptimizerPlugin), contractVersion: PluginContract.Version + 98)]

namespace PetriDish.TestPlugins.FutureContract;

public sealed class FutureOptimizerPlugin : OptimizerPlugin<FutureSettings>
{
    public override string Id => "future-optimizer";

    public override string Description => "built for a contract this host does not have";

    protected override IOptimizer Create(FutureSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        throw new NotSupportedException("this plugin must never be created");
}

public sealed class FutureSettings
{
}
