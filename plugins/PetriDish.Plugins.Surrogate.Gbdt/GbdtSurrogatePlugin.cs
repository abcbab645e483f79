using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Surrogate.Gbdt;

/// <summary>The <c>gbdt</c> surrogate plugin.</summary>
public sealed class GbdtSurrogatePlugin : SurrogatePlugin<GbdtSettings>
{
    public override string Id => "gbdt";

    public override string Description => "gradient-boosted regression trees on the motif's encoding (ML.NET FastTree, or LightGBM), the NAS predictor studies' standard baseline";

    protected override IEnumerable<SettingsError> Validate(GbdtSettings settings, PluginValidationContext context)
    {
        if (context.SearchSpace is { } space && MotifEncoder.Problem(space, settings.Encoding) is { } problem)
        {
            yield return new SettingsError("encoding", problem);
        }

        if (settings.Library is not (GbdtSettings.FastTree or GbdtSettings.LightGbm))
        {
            yield return new SettingsError("library", $"unknown library '{settings.Library}' (known: {GbdtSettings.FastTree}, {GbdtSettings.LightGbm})");
        }
    }

    protected override ISurrogate Create(GbdtSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new GbdtSurrogate(settings, searchSpace, context.Seed);
}
