namespace PetriDish.Abstractions;

/// <summary>
/// Names a plugin entry type of the assembly (<c>[assembly: PetriDishPlugin(typeof(MyPlugin))]</c>).
/// The host looks only at these attributes; it never scans the assembly's types.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class PetriDishPluginAttribute : Attribute
{
    /// <summary>Declares <paramref name="entryType"/>, a public type with a parameterless constructor implementing <see cref="IPlugin"/>.</summary>
    /// <param name="entryType">The plugin entry type.</param>
    /// <param name="contractVersion">
    /// Leave at its default: the compiler bakes in the <see cref="PluginContract.Version"/> the plugin is built against.
    /// </param>
    public PetriDishPluginAttribute(Type entryType, int contractVersion = PluginContract.Version)
    {
        EntryType = entryType;
        ContractVersion = contractVersion;
    }

    /// <summary>The plugin entry type.</summary>
    public Type EntryType { get; }

    /// <summary>The contract version the plugin was compiled against.</summary>
    public int ContractVersion { get; }
}
