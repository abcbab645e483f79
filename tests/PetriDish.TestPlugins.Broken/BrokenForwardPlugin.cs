using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>A motif-network forward of the wrong shape.</summary>
public sealed class BrokenForwardPlugin : SearchSpacePlugin<NoSettings>
{
    public override string Id => "broken-forward";

    public override string Description => "motif-network forward without the motif dimension (test plugin)";

    protected override ISearchSpace Create(NoSettings settings, PluginContext context) => new FaultySearchSpace(Fault.ForwardShape);
}
