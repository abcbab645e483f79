using Microsoft.Extensions.Logging.Abstractions;
using PetriDish.Abstractions;
using TorchSharp;

namespace PetriDish.Tests.Infrastructure;

/// <summary>Plugin contexts for tests: CPU, a fixed seed, no logging.</summary>
public static class TestContexts
{

    /// <summary>A manifest loader over the given plugins, as the CLI builds one.</summary>
    public static PetriDish.Core.Manifest.ManifestLoader ManifestLoader(PetriDish.Core.Plugins.PluginCatalog catalog) =>
        new(catalog, NullLoggerFactory.Instance);

    public static PluginContext Plugin(int seed = 1, string? baseDirectory = null) => new()
    {
        Device = torch.CPU,
        Seed = seed,
        BaseDirectory = baseDirectory ?? RepoPaths.Root,
        LoggerFactory = NullLoggerFactory.Instance,
    };
}
