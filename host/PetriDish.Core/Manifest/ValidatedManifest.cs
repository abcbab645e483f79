using PetriDish.Core.Plugins;
using PetriDish.Abstractions;
using static TorchSharp.torch;

namespace PetriDish.Core.Manifest;

/// <summary>A manifest that passed every check, with its plugins bound.</summary>
public sealed class ValidatedManifest
{
    /// <summary>The manifest file's absolute path.</summary>
    public required string FilePath { get; init; }

    /// <summary>The folder relative paths are resolved against.</summary>
    public string BaseDirectory => Path.GetDirectoryName(FilePath)!;

    /// <summary>The manifest text as read (with <c>--seed</c> applied).</summary>
    public required string Text { get; init; }

    /// <summary>The absolute plugin folders its <c>pluginPaths</c> name.</summary>
    public required IReadOnlyList<string> PluginFolders { get; init; }

    /// <summary>Creates the components of this manifest's plugins.</summary>
    internal ComponentActivator Components { get; init; } = null!;

    /// <summary>The bound frame.</summary>
    public required ExperimentManifest Manifest { get; init; }

    /// <summary>The resolved device.</summary>
    public required Device Device { get; init; }

    /// <summary>The search space plugin and settings.</summary>
    public required BoundPlugin SearchSpace { get; init; }

    /// <summary>The surrogates, in manifest order.</summary>
    public required IReadOnlyList<BoundPlugin> Surrogates { get; init; }

    /// <summary>The optimizer, if the manifest names one.</summary>
    public BoundPlugin? Optimizer { get; init; }

    /// <summary>The executor's bound settings: <see cref="Execution.LocalExecutorSettings"/> or <see cref="Execution.SlurmExecutorSettings"/>.</summary>
    public required object ExecutorSettings { get; init; }

    /// <summary>The search space created while validating (cheap: no tensors yet).</summary>
    public required ISearchSpace SearchSpaceInstance { get; init; }

    /// <summary>The context plugin components are created with.</summary>
    public required PluginContext Context { get; init; }

    /// <summary>
    /// The reference curve a resumed run reads: the copy its folder kept when it started (null for a
    /// new run, which reads <c>search.reference</c> itself).
    /// </summary>
    public string? KeptReference { get; init; }

    /// <summary>The reference curve's file: the kept copy, else <c>search.reference</c> resolved against the manifest's folder; null without one.</summary>
    public string? ReferencePath => KeptReference ?? (Manifest.Search.Reference is { } path ? Path.GetFullPath(path, BaseDirectory) : null);

    /// <summary>The surrogate with this name, or null.</summary>
    public BoundPlugin? FindSurrogate(string name) => Surrogates.FirstOrDefault(s => s.Name == name);
}
