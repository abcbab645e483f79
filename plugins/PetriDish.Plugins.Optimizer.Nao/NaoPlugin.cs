using PetriDish.Abstractions;

namespace PetriDish.Plugins.Optimizer.Nao;

/// <summary>The <c>nao</c> optimizer plugin.</summary>
public sealed class NaoPlugin : OptimizerPlugin<NaoSettings>
{
    public override string Id => "nao";

    public override string Description => "Neural Architecture Optimization: encoder, performance predictor and decoder; new motifs by gradient steps in the embedding";

    protected override IEnumerable<SettingsError> Validate(NaoSettings settings, PluginValidationContext context)
    {
        if (context.SearchSpace is { Tokens: null } space)
        {
            yield return new SettingsError("", $"NAO needs a search space with a token form, and '{space.Description}' has none (use random-search or partial-evaluation, or add ITokenForm to the space)");
        }

        if (settings.LambdaStep > settings.MaxLambda)
        {
            yield return new SettingsError("maxLambda", "must be at least lambdaStep");
        }
    }

    protected override IOptimizer Create(NaoSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new NaoOptimizer(settings, searchSpace, context);
}
