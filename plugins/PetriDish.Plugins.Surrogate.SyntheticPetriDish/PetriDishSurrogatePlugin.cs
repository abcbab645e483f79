using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>The <c>petri-dish</c> surrogate plugin.</summary>
public sealed class PetriDishSurrogatePlugin : SurrogatePlugin<PetriDishSettings>
{
    public override string Id => "petri-dish";

    public override string Description => "the Synthetic Petri Dish: motifs trained in tiny networks on meta-learned synthetic data";

    protected override IEnumerable<SettingsError> Validate(PetriDishSettings settings, PluginValidationContext context)
    {
        if (settings.SampleShape is { } shape && (shape.Count == 0 || shape.Any(d => d < 1)))
        {
            yield return new SettingsError("sampleShape", "every dimension must be at least 1");
        }

        if (settings.SampleShape is { } given && context.SearchSpace?.MotifNetworks.DefaultOptions.SampleShape is { } expected && given.Count != expected.Count)
        {
            yield return new SettingsError("sampleShape", $"this search space's motif-networks take samples with {expected.Count} dimension(s) ([{string.Join(", ", expected)}] by default), not {given.Count}");
        }

        if (settings.State is { } state && !File.Exists(context.ResolvePath(state)))
        {
            yield return new SettingsError("state", $"saved Petri dish '{context.ResolvePath(state)}' does not exist");
        }
    }

    protected override ISurrogate Create(PetriDishSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new PetriDishSurrogate(settings, searchSpace, context);
}
