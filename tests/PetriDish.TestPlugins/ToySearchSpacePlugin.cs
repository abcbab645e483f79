using PetriDish.Abstractions;
using PetriDish.TestPlugins.Helpers;

namespace PetriDish.TestPlugins;

/// <summary>Integers 0 … size−1 with one peak: a search space small enough to reason about in tests.</summary>
public sealed class ToySearchSpacePlugin : SearchSpacePlugin<ToySettings>
{
    // Touching the helper assembly on construction makes a missing Helpers.dll a load failure.
    private readonly ToyLandscape _probe = new(0);

    public override string Id => "toy-space";

    public override string Description => $"integers with one peak (test plugin, landscape at {_probe.Peak})";

    protected override IEnumerable<SettingsError> Validate(ToySettings settings, PluginValidationContext context)
    {
        if (settings.Peak < 0 || settings.Peak >= settings.Size)
        {
            yield return new SettingsError("peak", $"must lie in [0, {settings.Size - 1}]");
        }
    }

    protected override ISearchSpace Create(ToySettings settings, PluginContext context) => new ToySearchSpace(settings);
}
