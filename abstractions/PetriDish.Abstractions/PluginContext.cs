using Microsoft.Extensions.Logging;
using static TorchSharp.torch;

namespace PetriDish.Abstractions;

/// <summary>What the host gives a plugin when it creates the plugin's component.</summary>
public sealed class PluginContext
{
    /// <summary>The device every tensor and module must be created on.</summary>
    public required Device Device { get; init; }

    /// <summary>The experiment's seed; derive sub-seeds with <see cref="Seeds.Derive(int, string)"/>.</summary>
    public required int Seed { get; init; }

    /// <summary>The folder that relative paths in settings are resolved against (the manifest's folder).</summary>
    public required string BaseDirectory { get; init; }

    /// <summary>Logging.</summary>
    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>The host's services, for plugins that need more than the above.</summary>
    public required IServiceProvider Services { get; init; }

    /// <summary>Resolves a path from settings against <see cref="BaseDirectory"/>.</summary>
    public string ResolvePath(string path) => Path.GetFullPath(path, BaseDirectory);
}
