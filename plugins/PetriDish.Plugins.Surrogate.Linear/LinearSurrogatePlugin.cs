using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Surrogate.Linear;

/// <summary>The <c>linear</c> surrogate plugin.</summary>
public sealed class LinearSurrogatePlugin : SurrogatePlugin<LinearSettings>
{
    public override string Id => "linear";

    public override string Description => "least-squares regression on the motif's encoding (a cheap baseline)";

    protected override IEnumerable<SettingsError> Validate(LinearSettings settings, PluginValidationContext context)
    {
        if (context.SearchSpace is { } space && MotifEncoder.Problem(space, settings.Encoding) is { } problem)
        {
            yield return new SettingsError("encoding", problem);
        }
    }

    protected override ISurrogate Create(LinearSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new LinearSurrogate(settings, searchSpace);
}
