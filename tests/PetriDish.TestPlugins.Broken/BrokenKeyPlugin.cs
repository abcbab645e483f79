using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>Keys that do not parse back to themselves.</summary>
public sealed class BrokenKeyPlugin : SearchSpacePlugin<NoSettings>
{
    public override string Id => "broken-key";

    public override string Description => "keys that do not round-trip through Parse (test plugin)";

    protected override ISearchSpace Create(NoSettings settings, PluginContext context) => new FaultySearchSpace(Fault.KeyRoundTrip);
}
