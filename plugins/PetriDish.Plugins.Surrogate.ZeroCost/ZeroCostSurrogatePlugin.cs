using PetriDish.Abstractions;

namespace PetriDish.Plugins.Surrogate.ZeroCost;

/// <summary>The <c>zero-cost</c> surrogate plugin.</summary>
public sealed class ZeroCostSurrogatePlugin : SurrogatePlugin<ZeroCostSettings>
{
    public override string Id => "zero-cost";

    public override string Description => "zero-cost proxies on each candidate's untrained real network (synflow, parameter count); no training, for spaces that build real networks";

    protected override IEnumerable<SettingsError> Validate(ZeroCostSettings settings, PluginValidationContext context)
    {
        if (ZeroCostProxies.Problem(settings.Proxy) is { } problem)
        {
            yield return new SettingsError("proxy", problem);
        }

        if (context.SearchSpace is { } space and not IRealNetworks)
        {
            yield return new SettingsError("", $"the search space ({space.Description}) cannot build a candidate's real network (it does not implement IRealNetworks), which zero-cost proxies need");
        }
    }

    protected override ISurrogate Create(ZeroCostSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new ZeroCostSurrogate(settings.Proxy, searchSpace as IRealNetworks ?? throw new ArgumentException($"the search space ({searchSpace?.Description}) cannot build real networks", nameof(searchSpace)), context.Seed);
}
