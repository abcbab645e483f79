using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Surrogate.NnPredictor;

/// <summary>The <c>nn-predictor</c> surrogate plugin.</summary>
public sealed class NnPredictorPlugin : SurrogatePlugin<NnPredictorSettings>
{
    public override string Id => "nn-predictor";

    public override string Description => "an MLP from the motif's encoding to its normalised ground truth (the paper's baseline)";

    protected override IEnumerable<SettingsError> Validate(NnPredictorSettings settings, PluginValidationContext context)
    {
        if (settings.HiddenSizes.Any(h => h < 1))
        {
            yield return new SettingsError("hiddenSizes", "every hidden layer needs at least one neuron");
        }

        if (context.SearchSpace is { } space && MotifEncoder.Problem(space, settings.Encoding) is { } problem)
        {
            yield return new SettingsError("encoding", problem);
        }
    }

    protected override ISurrogate Create(NnPredictorSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new NnPredictor(settings, searchSpace, context);
}
