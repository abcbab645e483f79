namespace PetriDish.Abstractions;

/// <summary>The version of these contracts.</summary>
public static class PluginContract
{
    /// <summary>
    /// Raised on every breaking change of this assembly. A plugin records the value it was compiled
    /// against (<see cref="PetriDishPluginAttribute.ContractVersion"/>) and the host refuses a mismatch.
    /// </summary>
    public const int Version = 1;
}
