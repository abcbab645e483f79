using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace PetriDish.Abstractions;

/// <summary>
/// What the host gives a plugin when it creates the plugin's component. Immutable: the host derives a
/// context for one component of many with <c>context with { Seed = ... }</c>.
/// </summary>
public sealed record PluginContext
{
    /// <summary>The device every tensor and module must be created on.</summary>
    public required Device Device { get; init; }

    /// <summary>The experiment's seed, or the one the host derived for this component (derive sub-seeds with PetriDish.Sdk's <c>Seeds.Derive</c>).</summary>
    public required int Seed { get; init; }

    /// <summary>The folder that relative paths in settings are resolved against (the manifest's folder).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Logging.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Resolves a path from settings against <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);
}
