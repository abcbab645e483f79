using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.LowFidelity;

/// <summary>The <c>low-fidelity</c> surrogate plugin.</summary>
public sealed class LowFidelitySurrogatePlugin : SurrogatePlugin<LowFidelitySettings>
{
    public override string Id => "low-fidelity";

    public override string Description => "ranks motifs by a cheap ground-truth evaluation (few epochs, part of the data): partial evaluation as a surrogate";

    protected override IEnumerable<SettingsError> Validate(LowFidelitySettings settings, PluginValidationContext context)
    {
        if (settings.ToFidelity().IsFull)
        {
            yield return new SettingsError("", "with all epochs and all data this is the full ground truth; lower epochs or dataFraction");
        }
    }

    protected override ISurrogate Create(LowFidelitySettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new LowFidelitySurrogate(searchSpace, settings.ToFidelity(), context.Seed);
}
