using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Manifest;

public sealed class ManifestValidationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private string PluginPath => Path.GetRelativePath(_temp.Path, RepoPaths.TestPlugins).Replace('\\', '/');

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_valid_manifest_exits_0()
    {
        var manifest = _temp.Write("good.json", $$"""
            {
              "name": "toy",
              "seed": 3,
              "device": "cpu",
              "pluginPaths": ["{{PluginPath}}"],
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 30, "peak": 7, "groundTruth": { "epochs": 2 } } },
              "surrogates": [ { "plugin": "nearest-neighbour" } ],
              "optimizer": { "plugin": "sequential" },
              "search": { "surrogate": "nearest-neighbour", "budget": { "evaluations": 5 } }
            }
            """);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("valid", result.Output, StringComparison.Ordinal);
        Assert.Contains("toy-space", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Three_different_mistakes_are_all_reported_with_their_json_paths_and_exit_2()
    {
        var manifest = _temp.Write("bad.json", $$"""
            {
              "pluginPaths": ["{{PluginPath}}"],
              "searchSpace": { "plugin": "toy-space", "settings": { "groundTruth": { "epochs": "five" } } },
              "surrogates": [ { "name": "nn" } ],
              "optimizer": { "plugin": "sequental" }
            }
            """);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.Contains("bad.json:3:", StringComparison.Ordinal) && l.Contains("$.searchSpace.settings.groundTruth.epochs (plugin 'toy-space'): expected an integer, got string \"five\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("$.surrogates[0].plugin: required property 'plugin' is missing", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("$.optimizer.plugin (plugin 'sequental'): unknown optimizer plugin 'sequental'; did you mean 'sequential'?", StringComparison.Ordinal));
        Assert.Contains("3 problems found; nothing was run.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plugin_rules_beyond_the_schema_are_reported_with_the_plugins_path()
    {
        var manifest = _temp.Write("peak.json", $$"""
            { "pluginPaths": ["{{PluginPath}}"], "searchSpace": { "plugin": "toy-space", "settings": { "size": 10, "peak": 12 } } }
            """);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("$.searchSpace.settings.peak (plugin 'toy-space'): must lie in [0, 9]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_properties_wrong_kinds_and_dangling_references_are_errors()
    {
        var manifest = _temp.Write("kinds.json", $$"""
            {
              "pluginPaths": ["{{PluginPath}}"],
              "searchSpace": { "plugin": "toy-space", "settings": { "sise": 10 } },
              "surrogates": [ { "plugin": "sequential" } ],
              "search": { "surrogate": "petri-dish", "budget": { "evaluations": 0 } }
            }
            """);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("$.searchSpace.settings.sise (plugin 'toy-space'): unknown property 'sise'; did you mean 'size'?", result.Error, StringComparison.Ordinal);
        Assert.Contains("$.surrogates[0].plugin (plugin 'sequential'): 'sequential' is an optimizer plugin, but a surrogate plugin is needed here", result.Error, StringComparison.Ordinal);
        Assert.Contains("$.search.surrogate: no surrogate named 'petri-dish'", result.Error, StringComparison.Ordinal);
        Assert.Contains("$.search.budget.evaluations: 0 is below the minimum 1", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Broken_json_and_missing_files_are_usage_errors()
    {
        var broken = _temp.Write("broken.json", "{ \"searchSpace\": { \"plugin\": \"toy-space\" ");

        var syntax = await InProcessCli.RunAsync("validate", broken);
        var missing = await InProcessCli.RunAsync("validate", _temp.File("absent.json"));

        Assert.Equal(ExitCodes.UsageError, syntax.ExitCode);
        Assert.Contains("broken.json:1:", syntax.Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", syntax.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, missing.ExitCode);
        Assert.Contains("manifest file not found", missing.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1, 2, 3]", "array.json:1:1: $: expected an object, got an array")]
    [InlineData("\"hello\"", "string.json:1:7: $: expected an object, got string")]
    [InlineData("null", "null.json:1:4: $: expected an object, got null")]
    public async Task Json_that_is_not_an_object_is_a_usage_error_with_its_position(string text, string expected)
    {
        var name = expected[..expected.IndexOf(':', StringComparison.Ordinal)];
        var manifest = _temp.Write(name, text);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Comments_anywhere_and_trailing_commas_are_accepted_and_a_folder_is_named_as_one()
    {
        var manifest = _temp.Write("commented.json", $$"""
            // A comment before the object, as the README's JSONC examples allow.
            {
              /* and inside */ "device": "cpu",
              "pluginPaths": ["{{PluginPath}}",],
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 30, }, },
            }
            """);

        var valid = await InProcessCli.RunAsync("validate", manifest);
        var folder = await InProcessCli.RunAsync("validate", _temp.Path);

        Assert.True(valid.ExitCode == ExitCodes.Success, valid.ToString());
        Assert.Equal(ExitCodes.UsageError, folder.ExitCode);
        Assert.Contains("this is a folder; give the manifest file", folder.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_reference_file_is_a_validation_error_with_its_path()
    {
        var manifest = _temp.Write("reference.json", $$"""
            {
              "device": "cpu",
              "pluginPaths": ["{{PluginPath}}"],
              "searchSpace": { "plugin": "toy-space" },
              "search": { "reference": "curve.csv" },
              "compare": { "observations": "observed.csv" }
            }
            """);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("reference.json:5:", result.Error, StringComparison.Ordinal);
        Assert.Contains($"$.search.reference: reference file '{_temp.File("curve.csv")}' does not exist", result.Error, StringComparison.Ordinal);
        Assert.Contains("reference.json:6:", result.Error, StringComparison.Ordinal);
        Assert.Contains($"$.compare.observations: observations file '{_temp.File("observed.csv")}' does not exist", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_cuda_without_cuda_is_a_clear_validation_error()
    {
        var manifest = _temp.Write("cuda.json", $$"""
            { "device": "cuda:0", "pluginPaths": ["{{PluginPath}}"], "searchSpace": { "plugin": "toy-space" } }
            """);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("$.device: device 'cuda:0' was requested, but CUDA is not available", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_are_bound_to_the_plugins_types_with_lists_and_nested_objects_replacing_defaults()
    {
        var manifest = _temp.Write("bound.json", """
            {
              "seed": 9,
              "searchSpace": { "plugin": "activation", "settings": { "family": "swish-beta", "range": [0.5, 3], "groundTruth": { "hiddenSizes": [16], "epochs": 2.5 } } },
              "surrogates": [ { "plugin": "petri-dish", "name": "long", "settings": { "outerSchedule": [ { "steps": 7, "learningRate": 0.1 } ], "innerOptimizer": "sgd" } } ],
              "search": { "surrogate": "long", "budget": { "evaluations": 12 } }
            }
            """);
        var catalog = PetriDish.Core.Plugins.PluginCatalogLoader.Load([RepoPaths.HostPlugins]);
        var loader = TestContexts.ManifestLoader(catalog);

        var validated = loader.Load(manifest);

        dynamic space = validated.SearchSpace.Settings;
        Assert.Equal("SwishBeta", space.Family.ToString());
        Assert.Equal(new[] { 0.5, 3.0 }, ((IEnumerable<double>)space.Range).ToArray());
        Assert.Equal(new[] { 16 }, ((IEnumerable<int>)space.GroundTruth.HiddenSizes).ToArray());
        Assert.Equal(2.5, (double)space.GroundTruth.Epochs);
        dynamic dish = validated.Surrogates.Single().Settings;
        Assert.Equal(7, (int)((IEnumerable<dynamic>)dish.OuterSchedule).Single().Steps);
        Assert.Equal("Sgd", dish.InnerOptimizer.ToString());
        Assert.Equal(("long", 9, 12), (validated.Surrogates.Single().Name, validated.Manifest.Seed, validated.Manifest.Search.Budget.Evaluations));
    }
}
