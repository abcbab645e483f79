using PetriDish.Abstractions;
using PetriDish.TestPlugins.PreviousContract;

// Declares the contract version before this one, as a plugin built against the previous
// PetriDish.Abstractions does: the host must refuse it by name instead of loading it.
[assembly: PetriDishPlugin(typeof(PreviousContractOptimizerPlugin), contractVersion: PluginContract.Version - 1)]

namespace PetriDish.TestPlugins.PreviousContract;

public sealed class PreviousContractOptimizerPlugin : OptimizerPlugin<PreviousContractSettings>
{
    public override string Id => "previous-contract-optimizer";

    public override string Description => "built against the contract version before this host's";

    protected override IOptimizer Create(PreviousContractSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        throw new NotSupportedException("this plugin must never be created");
}

public sealed class PreviousContractSettings
{
}
