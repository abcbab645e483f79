using PetriDish.Cli;
using PetriDish.Core;
using PetriDish.Core.Plugins;
using PetriDish.Core.Scaffolding;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Scaffolding;

public sealed class NewCommandTests : IDisposable
{
    private static readonly string Templates = Path.Combine(RepoPaths.HostOutput, "templates");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task<CliResult> New(params string[] args) => InProcessCli.RunAsync(["new", .. args]);

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("search-space", "ProbeSpace", """ "searchSpace": { "plugin": "probe-space" }, "optimizer": { "plugin": "random-search" } """)]
    [InlineData("surrogate", "ProbeRanker", """ "searchSpace": { "plugin": "toy-space" }, "surrogates": [ { "plugin": "probe-ranker" } ], "optimizer": { "plugin": "random-search" } """)]
    [InlineData("optimizer", "ProbeWalker", """ "searchSpace": { "plugin": "toy-space" }, "optimizer": { "plugin": "probe-walker" } """)]
    public async Task A_scaffolded_plugin_builds_without_warnings_passes_its_tests_and_runs_in_a_search(string kind, string name, string sections)
    {
        var folder = _temp.File(name);
        var created = await New(kind, name, "--output", folder);
        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        PluginKinds.TryParse(kind, out var pluginKind);
        var project = PluginScaffolder.ProjectName(new ScaffoldRequest(pluginKind, name, "x", folder));

        var build = await ProcessRunner.RunAsync("dotnet", ["build", Path.Combine(folder, "src", project), "-nologo"], folder, TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        var test = await ProcessRunner.RunAsync("dotnet", ["test", Path.Combine(folder, "tests", project + ".Tests"), "-nologo"], folder, TimeSpan.FromMinutes(10));
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed!", test.Output, StringComparison.Ordinal);

        var output = Path.Combine(folder, "src", project, "bin", "Debug", "net10.0");
        var listed = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "--plugins", output, "plugins", "--kind", kind);
        Assert.Contains(Path.Combine(output, project + ".dll"), listed.Output, StringComparison.Ordinal);
        var manifest = _temp.Write($"{name}.json", $$"""
            { "seed": 2, "device": "cpu", "pluginPaths": [{{Newtonsoft.Json.JsonConvert.ToString(output)}}, {{Newtonsoft.Json.JsonConvert.ToString(RepoPaths.TestPlugins)}}],
              {{sections}},
              "search": { "warmup": 3, "evaluationsPerIteration": 2, "candidates": 6{{(kind == "surrogate" ? ", \"surrogate\": \"probe-ranker\"" : "")}}, "budget": { "evaluations": 7 } } }
            """);
        var validated = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "validate", manifest);
        Assert.True(validated.ExitCode == ExitCodes.Success, validated.ToString());
        var run = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "run", manifest, "--out", _temp.File(name + "-run"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("after 7 ground-truth evaluations", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_generated_files_are_laid_out_like_the_shipped_plugins()
    {
        var result = await New("surrogate", "Layout", "--id", "my-layout", "--output", _temp.File("layout"));

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var project = Path.Combine(_temp.File("layout"), "src", "PetriDish.Plugins.Surrogate.Layout");
        Assert.True(File.Exists(Path.Combine(project, "PetriDish.Plugins.Surrogate.Layout.csproj")));
        Assert.Contains("[assembly: PetriDishPlugin(typeof(LayoutPlugin))]", File.ReadAllText(Path.Combine(project, "AssemblyInfo.cs")), StringComparison.Ordinal);
        Assert.Contains("public override string Id => \"my-layout\";", File.ReadAllText(Path.Combine(project, "LayoutPlugin.cs")), StringComparison.Ordinal);
        Assert.Contains("namespace PetriDish.Plugins.Surrogate.Layout;", File.ReadAllText(Path.Combine(project, "LayoutSurrogate.cs")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_temp.File("layout"), ".editorconfig")));
        Assert.Contains("dotnet test", result.Output, StringComparison.Ordinal);
        Assert.Contains("petridish plugins --plugins", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("surrogate", "2Fast", "'2Fast' is not a valid name")]
    [InlineData("surrogate", "class", "'class' is not a valid name")]
    [InlineData("surrogate", "lowerCase", "should start with a capital letter")]
    [InlineData("predictor", "Good", "unknown plugin kind 'predictor'")]
    public async Task Bad_names_and_kinds_are_usage_errors_and_nothing_is_written(string kind, string name, string message)
    {
        var result = await New(kind, name, "--output", _temp.File("out"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public async Task An_existing_folder_is_kept_unless_forced()
    {
        var marker = _temp.Write("taken/notes.txt", "mine");

        var refused = await New("optimizer", "Taken", "--output", _temp.File("taken"));
        var forced = await New("optimizer", "Taken", "--output", _temp.File("taken"), "--force");

        Assert.Equal(ExitCodes.UsageError, refused.ExitCode);
        Assert.Contains("already exists and is not empty", refused.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, forced.ExitCode);
        Assert.Equal("mine", File.ReadAllText(marker));
        Assert.True(File.Exists(_temp.File("taken/src/PetriDish.Plugins.Optimizer.Taken/TakenOptimizer.cs")));
    }

    [Fact]
    public async Task A_bad_id_is_refused()
    {
        var result = await New("optimizer", "Fine", "--id", "Not_Kebab", "--output", _temp.File("bad-id"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("'Not_Kebab' is not a valid plugin id", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Template_errors_name_the_template_file_and_line_and_nothing_is_rendered()
    {
        var templates = _temp.File("templates");
        TempDirectory.Copy(Templates, templates);
        File.WriteAllText(Path.Combine(templates, "common", "Broken.cs.sbn"), "// fine\nnamespace {{ namespace }};\n// {{ for x in }}\n");
        File.WriteAllText(Path.Combine(templates, "optimizer", "Unknown.cs.sbn"), "// {{ no_such_variable }}\n");
        var request = PluginScaffolder.Validate("optimizer", "Broken", null, _temp.File("never"), force: false);

        var error = Assert.Throws<InvalidInputException>(() => PluginScaffolder.Render(request, templates));

        Assert.Contains("templates/common/Broken.cs.sbn(3,", error.Message, StringComparison.Ordinal);
        Assert.Contains("templates/optimizer/Unknown.cs.sbn(1,", error.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("never")));
    }
}
