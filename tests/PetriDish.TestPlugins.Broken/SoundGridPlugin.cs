using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>The control: a finite space that keeps every rule.</summary>
public sealed class SoundGridPlugin : SearchSpacePlugin<NoSettings>
{
    public override string Id => "sound-grid";

    public override string Description => "integers 0..19 keeping every rule (test plugin)";

    protected override ISearchSpace Create(NoSettings settings, PluginContext context) => new FaultySearchSpace(Fault.None);
}
