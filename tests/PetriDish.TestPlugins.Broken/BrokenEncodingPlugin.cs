using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>Encodings one number longer than declared.</summary>
public sealed class BrokenEncodingPlugin : SearchSpacePlugin<NoSettings>
{
    public override string Id => "broken-encoding";

    public override string Description => "Encode longer than EncodingLength (test plugin)";

    protected override ISearchSpace Create(NoSettings settings, PluginContext context) => new FaultySearchSpace(Fault.EncodingLength);
}
