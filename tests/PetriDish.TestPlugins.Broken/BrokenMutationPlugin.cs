using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>Mutations that step out of the space.</summary>
public sealed class BrokenMutationPlugin : SearchSpacePlugin<NoSettings>
{
    public override string Id => "broken-mutation";

    public override string Description => "Mutate leaves the space (test plugin)";

    protected override ISearchSpace Create(NoSettings settings, PluginContext context) => new FaultySearchSpace(Fault.MutationLeavesSpace);
}
