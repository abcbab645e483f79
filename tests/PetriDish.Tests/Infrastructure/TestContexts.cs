using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using PetriDish.Abstractions;
using PetriDish.Core;
using TorchSharp;

namespace PetriDish.Tests.Infrastructure;

/// <summary>Plugin contexts for tests: CPU, a fixed seed, no logging.</summary>
internal static class TestContexts
{
    /// <summary>A manifest loader over the given plugins, composed as the CLI's host composes it.</summary>
    public static PetriDish.Core.Manifest.ManifestLoader ManifestLoader(PetriDish.Core.Plugins.PluginCatalog catalog) =>
        new ServiceCollection().AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance).AddPetriDish(catalog)
            .BuildServiceProvider().GetRequiredService<PetriDish.Core.Manifest.ManifestLoader>();

    public static PluginContext Plugin(int seed = 1, string? baseDirectory = null) => new()
    {
        Device = torch.CPU,
        Seed = seed,
        BaseDirectory = baseDirectory ?? RepoPaths.Root,
        LoggerFactory = NullLoggerFactory.Instance,
    };
}
