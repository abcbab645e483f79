using PetriDish.Core.Plugins;


namespace PetriDish.Core.Manifest;

/// <summary>A manifest's surrogates chosen by name (on the command line, or by a C# caller).</summary>
internal static class ManifestSurrogates
{
    /// <summary>The surrogate named <paramref name="name"/>; a usage error listing the names if there is none.</summary>
    public static BoundPlugin Named(ValidatedManifest manifest, string name) =>
        manifest.FindSurrogate(name) ?? throw new InvalidInputException($"no surrogate named '{name}' in the manifest (named: {string.Join(", ", manifest.Surrogates.Select(s => s.Name))})");
}
