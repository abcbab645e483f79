namespace PetriDish.Core.Manifest;

/// <summary>A surrogate named in the manifest; several may use the same plugin under different names.</summary>
public sealed class SurrogateReference : PluginReference
{
    public string? Name { get; init; }

    /// <summary>The name used in reports and by <c>search.surrogate</c>.</summary>
    public string DisplayName => Name ?? Plugin;
}
