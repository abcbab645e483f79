using PetriDish.Abstractions;
using PetriDish.Core.Plugins;
using PetriDish.Tests.Infrastructure;
using TorchSharp;

namespace PetriDish.Tests.Plugins;

public sealed class PluginLoadingTests
{
    private static string TestPluginFolder => Path.Combine(RepoPaths.TestPlugins, "PetriDish.TestPlugins");

    [Fact]
    public void Loads_a_real_plugin_of_every_kind_from_its_own_folder()
    {
        var catalog = PluginCatalogLoader.Load([RepoPaths.TestPlugins]);

        var space = Assert.Single(catalog.Plugins, p => p.Entry.Id == "toy-space");
        Assert.Equal(PluginKind.SearchSpace, space.Entry.Kind);
        Assert.Equal(Path.Combine(TestPluginFolder, "PetriDish.TestPlugins.dll"), space.AssemblyPath);
        Assert.Equal(PluginKind.Surrogate, catalog.Find("nearest-neighbour")!.Entry.Kind);
        Assert.Equal(PluginKind.Optimizer, catalog.Find("sequential")!.Entry.Kind);

        // Its own load context, but the contract types are the host's: the entry *is* an ISearchSpacePlugin here.
        Assert.NotEqual(
            System.Runtime.Loader.AssemblyLoadContext.Default,
            System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(space.Entry.GetType().Assembly));
        Assert.IsAssignableFrom<ISearchSpacePlugin>(space.Entry);
        Assert.Same(typeof(IPlugin).Assembly, space.Entry.GetType().GetInterface(nameof(IPlugin))!.Assembly);
    }

    [Fact]
    public void A_plugin_built_against_the_previous_contract_version_is_refused_by_name_and_the_others_load()
    {
        var catalog = PluginCatalogLoader.Load([RepoPaths.TestPlugins]);

        var failure = Assert.Single(catalog.Failures, f => f.Name == "PetriDish.TestPlugins.PreviousContract");
        Assert.Contains($"contract version {PluginContract.Version - 1},", failure.Reason, StringComparison.Ordinal);
        Assert.Contains($"provides version {PluginContract.Version}", failure.Reason, StringComparison.Ordinal);
        Assert.Null(catalog.Find("previous-contract-optimizer"));
        Assert.NotNull(catalog.Find("toy-space"));
    }

    [Fact]
    public void A_plugin_with_a_missing_dependency_is_reported_by_name_and_the_others_load()
    {
        using var temp = new TempDirectory();
        var broken = Path.Combine(temp.Path, "PetriDish.TestPlugins");
        TempDirectory.Copy(TestPluginFolder, broken);
        File.Delete(Path.Combine(broken, "PetriDish.TestPlugins.Helpers.dll"));
        TempDirectory.Copy(Path.Combine(RepoPaths.TestPlugins, "PetriDish.TestPlugins.PreviousContract"), Path.Combine(temp.Path, "PetriDish.TestPlugins.PreviousContract"));

        var catalog = PluginCatalogLoader.Load([temp.Path]);

        var failure = Assert.Single(catalog.Failures, f => f.Reason.Contains("missing dependency", StringComparison.Ordinal));
        Assert.Equal("PetriDish.TestPlugins", failure.Name);
        Assert.Contains("PetriDish.TestPlugins.Helpers", failure.Reason, StringComparison.Ordinal);
        Assert.Contains("plugin entry PetriDish.TestPlugins.ToySearchSpacePlugin could not be created", failure.Reason, StringComparison.Ordinal);
        Assert.Null(catalog.Find("toy-space"));
        // Entries of the same assembly that do not need the dependency still load.
        Assert.NotNull(catalog.Find("nearest-neighbour"));
        Assert.NotNull(catalog.Find("sequential"));
    }

    [Fact]
    public void A_missing_plugin_folder_is_reported()
    {
        var catalog = PluginCatalogLoader.Load(["/nonexistent/petridish-plugins"]);

        Assert.Empty(catalog.Plugins);
        Assert.Contains("does not exist", Assert.Single(catalog.Failures).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_plugin_id_from_two_folders_keeps_the_first_and_reports_the_second()
    {
        using var temp = new TempDirectory();
        TempDirectory.Copy(TestPluginFolder, Path.Combine(temp.Path, "PetriDish.TestPlugins"));

        var catalog = PluginCatalogLoader.Load([RepoPaths.TestPlugins, temp.Path]);

        Assert.StartsWith(RepoPaths.TestPlugins, catalog.Find("toy-space")!.AssemblyPath, StringComparison.Ordinal);
        Assert.Contains(catalog.Failures, f => f.Reason.Contains("'toy-space' is already provided", StringComparison.Ordinal));
    }

    [Fact]
    public void Native_libtorch_is_mapped_once_after_plugins_use_torch()
    {
        var catalog = PluginCatalogLoader.Load([RepoPaths.TestPlugins]);
        var plugin = (ISearchSpacePlugin)catalog.Find("toy-space")!.Entry;
        var settings = Activator.CreateInstance(plugin.SettingsType)!;
        var space = plugin.Create(settings, TestContexts.Plugin());

        // Run a tensor program inside the plugin's load context.
        var factory = space.MotifNetworks;
        using var generator = new torch.Generator(1);
        var parameters = factory.CreateInitialParameters(factory.DefaultOptions, generator, torch.CPU, torch.float32);
        using var network = factory.Create([space.Parse("toy:3"), space.Parse("toy:5")], factory.DefaultOptions, torch.CPU, torch.float32);
        using var output = network.Forward([.. parameters.Select(p => p.unsqueeze(0).expand(2, -1, -1))], torch.ones(3, 4));
        Assert.Equal([2L, 3, 2], output.shape);

        var maps = File.ReadAllLines("/proc/self/maps");
        string[] Mapped(string library) => [.. maps.Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Where(f => f.Length >= 6 && f[5].EndsWith("/" + library, StringComparison.Ordinal)).Select(f => f[5]).Distinct()];
        Assert.Single(Mapped("libtorch_cpu.so"));
        Assert.Single(Mapped("libLibTorchSharp.so"));
        Assert.DoesNotContain(TestPluginFolder, Mapped("libtorch_cpu.so")[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Files_that_look_like_plugins_but_cannot_load_are_each_reported_with_why_and_the_good_ones_load()
    {
        using var temp = new TempDirectory();
        TempDirectory.Copy(TestPluginFolder, Path.Combine(temp.Path, "PetriDish.TestPlugins"));
        var real = File.ReadAllBytes(Path.Combine(TestPluginFolder, "PetriDish.TestPlugins.dll"));
        var deps = File.ReadAllText(Path.Combine(TestPluginFolder, "PetriDish.TestPlugins.deps.json"));
        var garbage = Path.Combine(temp.Path, "Garbage", "Garbage.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(garbage)!);
        File.WriteAllText(garbage, "this is not an assembly");
        File.WriteAllText(Path.Combine(temp.Path, "Garbage", "Garbage.deps.json"), deps);
        var truncated = Path.Combine(temp.Path, "Truncated", "Truncated.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(truncated)!);
        File.WriteAllBytes(truncated, real[..(real.Length / 3)]);
        File.WriteAllText(Path.Combine(temp.Path, "Truncated", "Truncated.deps.json"), deps);
        var lonely = Path.Combine(temp.Path, "Lonely", "Lonely.dll");
        Directory.CreateDirectory(Path.GetDirectoryName(lonely)!);
        File.WriteAllBytes(lonely, real);
        var orphan = Path.Combine(temp.Path, "Orphan", "Orphan.deps.json");
        Directory.CreateDirectory(Path.GetDirectoryName(orphan)!);
        File.WriteAllText(orphan, deps);

        var catalog = PluginCatalogLoader.Load([temp.Path]);

        Assert.Contains("not a readable .NET assembly", Assert.Single(catalog.Failures, f => f.Path == garbage).Reason, StringComparison.Ordinal);
        Assert.Contains("not a readable .NET assembly", Assert.Single(catalog.Failures, f => f.Path == truncated).Reason, StringComparison.Ordinal);
        Assert.Contains("has no Lonely.deps.json", Assert.Single(catalog.Failures, f => f.Path == lonely).Reason, StringComparison.Ordinal);
        Assert.Contains("has no Orphan.dll", Assert.Single(catalog.Failures, f => f.Path == orphan).Reason, StringComparison.Ordinal);
        Assert.Equal(4, catalog.Failures.Count);
        Assert.NotNull(catalog.Find("toy-space"));
        Assert.NotNull(catalog.Find("nearest-neighbour"));
    }
}
