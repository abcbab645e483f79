using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.Linear;

/// <summary>The <c>linear</c> surrogate plugin.</summary>
public sealed class LinearSurrogatePlugin : SurrogatePlugin<LinearSettings>
{
    public override string Id => "linear";

    public override string Description => "least-squares regression on the motif's encoding (a cheap baseline)";

    protected override ISurrogate Create(LinearSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new LinearSurrogate(settings, searchSpace);
}
