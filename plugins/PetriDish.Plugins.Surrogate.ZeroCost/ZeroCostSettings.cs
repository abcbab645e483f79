using System.ComponentModel;

namespace PetriDish.Plugins.Surrogate.ZeroCost;

/// <summary>Settings of the <c>zero-cost</c> surrogate.</summary>
public sealed class ZeroCostSettings
{
    [Description("The proxy: 'synflow' (Tanaka et al. 2020; as ln(1 + synflow)) or 'params' (the parameter count, in millions).")]
    public string Proxy { get; init; } = ZeroCostProxies.Synflow;
}
