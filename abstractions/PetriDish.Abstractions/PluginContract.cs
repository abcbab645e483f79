namespace PetriDish.Abstractions;

/// <summary>The version of these contracts.</summary>
public static class PluginContract
{
    /// <summary>
    /// Raised on every breaking change of this assembly. A plugin records the value it was compiled
    /// against (<see cref="PetriDishPluginAttribute.ContractVersion"/>) and the host refuses a mismatch.
    /// Version 2: surrogates and optimizers are <see cref="IDisposable"/>; <see cref="PluginContext"/> is an
    /// immutable record without a service provider; helpers that are not contracts moved to PetriDish.Sdk.
    /// </summary>
    public const int Version = 2;
}
