using Microsoft.Extensions.Logging;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;
using PetriDish.Core.Search;

namespace PetriDish.Cli;

/// <summary>What a command's action works with: the plugins, logging and the console.</summary>
internal sealed class CommandContext
{
    public required PluginCatalog Catalog { get; init; }

    public required ILoggerFactory LoggerFactory { get; init; }

    /// <summary>Results (tables, CSV paths, the final line).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Errors, warnings and progress when not on a terminal.</summary>
    public required TextWriter Error { get; init; }

    /// <summary>True when progress may be drawn in place (stderr is a terminal).</summary>
    public required bool Interactive { get; init; }

    public required bool Verbose { get; init; }

    /// <summary>Plugin folders beyond the host's own (--plugins and the manifest's pluginPaths), for worker processes.</summary>
    public required IReadOnlyList<string> PluginFolders { get; init; }

    /// <summary>Validates manifests against the loaded plugins.</summary>
    internal required ManifestLoader ManifestLoader { get; init; }

    /// <summary>The manifest files this command has read (each read and parsed once).</summary>
    internal required CommandRunner Manifests { get; init; }

    /// <summary>Loads and validates a manifest against the loaded plugins.</summary>
    public ValidatedManifest LoadManifest(string path) => ManifestLoader.Load(Manifests.Manifest(path));

    /// <summary>
    /// Loads and validates a manifest, with its seed replaced when <paramref name="seed"/> is given
    /// (<c>--seed</c>), requiring only what the command uses of it (<paramref name="reads"/>: data files, the search).
    /// </summary>
    internal ValidatedManifest LoadManifest(string path, int? seed, ManifestReads reads = ManifestReads.All) =>
        ManifestLoader.Load(seed is { } replaced ? Manifests.Manifest(path).WithSeed(replaced) : Manifests.Manifest(path), reads: reads);

    /// <summary>Validates stored manifest text as the file at <paramref name="path"/>, requiring only what <paramref name="reads"/> names.</summary>
    internal ValidatedManifest LoadManifest(string text, string path, ManifestReads reads) => ManifestLoader.Load(text, path, reads);

    /// <summary>Validates the manifest a run was started with, reading the reference curve its folder kept.</summary>
    public ValidatedManifest LoadRunManifest(RunFolder run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return run.LoadManifest(ManifestLoader);
    }
}
