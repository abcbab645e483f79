namespace PetriDish.Abstractions;

/// <summary>What a plugin may consult while validating its settings (no tensors are allocated yet).</summary>
public sealed class PluginValidationContext
{
    /// <summary>The folder that relative paths in settings are resolved against (the manifest's folder).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>The manifest's search space, for surrogates and optimizers that need some capability of it; null while validating the search space itself or when it is invalid.</summary>
    public ISearchSpace? SearchSpace { get; init; }

    /// <summary>Resolves a path from settings against <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);
}
