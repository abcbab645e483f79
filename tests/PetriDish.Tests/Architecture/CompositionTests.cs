using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using PetriDish.Abstractions;
using PetriDish.Cli;
using PetriDish.Core;
using PetriDish.Core.Plugins;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Architecture;

/// <summary>
/// The generic host composes the plugins (issue 29): every plugin entry is registered keyed by its id,
/// every registration resolves, and components are created in one place.
/// </summary>
public sealed partial class CompositionTests
{
    private static readonly string HostSources = Path.Combine(RepoPaths.Root, "host");

    [Fact]
    public void Every_registration_of_the_commands_host_resolves_and_every_plugin_is_keyed_by_its_id()
    {
        var catalog = PluginCatalogLoader.Load([RepoPaths.HostPlugins, RepoPaths.TestPlugins]);
        var builder = CommandRunner.CreateHostBuilder(catalog, verbose: false, handleSignals: false);
        var descriptors = builder.Services.ToList();
        using var host = builder.Build();

        var resolved = 0;
        foreach (var descriptor in descriptors.Where(d => !d.ServiceType.IsGenericTypeDefinition))
        {
            var service = descriptor.IsKeyedService
                ? host.Services.GetRequiredKeyedService(descriptor.ServiceType, descriptor.ServiceKey)
                : host.Services.GetRequiredService(descriptor.ServiceType);
            Assert.NotNull(service);
            resolved++;
        }

        Assert.True(resolved > catalog.Plugins.Count, $"only {resolved} registrations resolved");
        foreach (var plugin in catalog.Plugins)
        {
            var registered = host.Services.GetRequiredKeyedService(PluginKinds.Contract(plugin.Entry.Kind), plugin.Entry.Id);
            Assert.Same(plugin.Entry, registered);
        }

        Assert.IsType<ProcessSignalLifetime>(host.Services.GetRequiredService<IHostLifetime>());
        Assert.Same(catalog, host.Services.GetRequiredService<PluginCatalog>());
    }

    [Fact]
    public void The_activator_creates_a_component_of_every_kind_from_a_manifests_bound_plugins()
    {
        var catalog = PluginCatalogLoader.Load([RepoPaths.HostPlugins, RepoPaths.TestPlugins]);
        using var temp = new TempDirectory();
        var manifest = TestContexts.ManifestLoader(catalog).Load(temp.Write("toy.json", """
            {
              "seed": 3, "device": "cpu",
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 20, "peak": 7 } },
              "surrogates": [ { "plugin": "nearest-neighbour" } ],
              "optimizer": { "plugin": "random-search" },
              "search": { "surrogate": "nearest-neighbour", "budget": { "evaluations": 8 } }
            }
            """));

        var space = manifest.Components.CreateSearchSpace(manifest.SearchSpace, manifest.Context);
        using var surrogate = manifest.Components.CreateSurrogate(manifest.Surrogates[0], space, manifest.Context);
        var optimizer = manifest.Components.CreateOptimizer(manifest.Optimizer!, space, manifest.Context);

        Assert.Equal(manifest.SearchSpaceInstance.Description, space.Description);
        Assert.True(surrogate.MinimumObservations >= 1);
        Assert.NotNull(optimizer);
        // The settings' one form after validation is the bound object; its JSON is derived from it, defaults included.
        Assert.Equal(7, ((dynamic)manifest.SearchSpace.Settings).Peak);
        Assert.Contains("\"peak\":7", manifest.SearchSpace.SettingsJson, StringComparison.Ordinal);
        Assert.Contains("\"epochs\":1", manifest.SearchSpace.SettingsJson, StringComparison.Ordinal);
    }

    [Fact]
    public void No_source_outside_the_activator_casts_a_plugin_entry_to_create_a_component()
    {
        var offending = Directory.EnumerateFiles(HostSources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && Path.GetFileName(f) != "ComponentActivator.cs")
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(HostSources, f), Line: i + 1, Text: line)))
            .Where(l => EntryCast().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, "create components through ComponentActivator:" + Environment.NewLine + string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void An_entry_not_registered_under_the_contract_asked_for_is_a_clear_error()
    {
        var catalog = PluginCatalogLoader.Load([RepoPaths.TestPlugins]);
        var toy = catalog.Find("toy-space")!;
        var services = new ServiceCollection().AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance)
            .AddPetriDish(catalog).BuildServiceProvider();
        var activator = services.GetRequiredService<ComponentActivator>();
        var bound = new BoundPlugin("toy", toy, Activator.CreateInstance(toy.Entry.SettingsType)!, "{}");

        var error = Assert.Throws<InvalidOperationException>(() => activator.CreateOptimizer(bound, null!, TestContexts.Plugin()));

        Assert.Contains("'toy-space' is a search-space plugin", error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(IOptimizerPlugin), error.Message, StringComparison.Ordinal);
    }

    // A cast, an `as` or an `is` of a plugin entry to a kind's contract: how components were created
    // before the activator, and what would bypass it.
    [GeneratedRegex(@"(?<!typeof)\(\s*I(SearchSpace|Surrogate|Optimizer)Plugin\s*\)|\b(as|is)\s+I(SearchSpace|Surrogate|Optimizer)Plugin\b")]
    private static partial Regex EntryCast();
}
