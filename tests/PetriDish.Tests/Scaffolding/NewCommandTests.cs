using PetriDish.Cli;
using PetriDish.Core;
using PetriDish.Core.Plugins;
using PetriDish.Core.Scaffolding;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Scaffolding;

public sealed class NewCommandTests(PackedContracts packages) : IDisposable, IClassFixture<PackedContracts>
{
    private static readonly string Templates = Path.Combine(RepoPaths.HostOutput, "templates");
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task<CliResult> New(params string[] args) => InProcessCli.RunAsync(["new", .. args]);

    [Theory]
    [Trait("Category", "Slow")]
    [InlineData("search-space", "ProbeSpace", """ "searchSpace": { "plugin": "probe-space" }, "optimizer": { "plugin": "random-search" } """)]
    [InlineData("search-space", "ProbeGrid", """ "searchSpace": { "plugin": "probe-grid" }, "optimizer": { "plugin": "random-search" } """, true)]
    [InlineData("search-space", "ProbeFast", """ "searchSpace": { "plugin": "probe-fast" }, "surrogates": [ { "plugin": "petri-dish", "name": "dish", "settings": { "ensemble": 1, "innerSteps": 20, "outerSchedule": [ { "steps": 2, "learningRate": 0.05 } ] } } ], "optimizer": { "plugin": "random-search" }, "compare": { "seeds": 1, "train": { "count": 8 } } """, true, true)]
    [InlineData("surrogate", "ProbeRanker", """ "searchSpace": { "plugin": "toy-space" }, "surrogates": [ { "plugin": "probe-ranker" } ], "optimizer": { "plugin": "random-search" } """)]
    [InlineData("optimizer", "ProbeWalker", """ "searchSpace": { "plugin": "toy-space" }, "optimizer": { "plugin": "probe-walker" } """)]
    public async Task A_scaffolded_plugin_builds_without_warnings_passes_its_tests_and_runs_in_a_search(string kind, string name, string sections, bool grid = false, bool fast = false)
    {
        var folder = _temp.File(name);
        var created = await New([kind, name, "--output", folder, "--package-version", packages.Version, .. grid ? new[] { "--grid" } : [], .. fast ? new[] { "--fast" } : []]);
        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        PluginKinds.TryParse(kind, out var pluginKind);
        var project = PluginScaffolder.ProjectName(new ScaffoldRequest(pluginKind, name, "x", folder, packages.Version));
        Assert.DoesNotContain("HintPath", File.ReadAllText(Path.Combine(folder, "src", project, project + ".csproj")), StringComparison.Ordinal);

        // Restored from the packed folder: the scaffold needs the packages, not this checkout's build.
        var restore = $"-p:RestoreAdditionalProjectSources={packages.Source}";
        var build = await ProcessRunner.RunAsync("dotnet", ["build", Path.Combine(folder, "src", project), restore, "-nologo"], folder, TimeSpan.FromMinutes(5));
        Assert.True(build.ExitCode == 0, build.ToString());
        Assert.Contains(" 0 Warning(s)", build.Output, StringComparison.Ordinal);
        var test = await ProcessRunner.RunAsync("dotnet", ["test", Path.Combine(folder, "tests", project + ".Tests"), restore, "-nologo"], folder, TimeSpan.FromMinutes(10));
        Assert.True(test.ExitCode == 0, test.ToString());
        Assert.Contains("Passed!", test.Output, StringComparison.Ordinal);

        var output = Path.Combine(folder, "src", project, "bin", "Debug", "net10.0");
        var listed = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "--plugins", output, "plugins", "--kind", kind);
        Assert.Contains(Path.Combine(output, project + ".dll"), listed.Output, StringComparison.Ordinal);
        if (kind == "search-space")
        {
            // The scaffold's own tests ran the conformance rules; the command runs the same on its build.
            var check = await InProcessCli.RunAsync("check", output);
            Assert.True(check.ExitCode == ExitCodes.Success, check.ToString());
            Assert.Contains("0 broken (1 search space)", check.Output, StringComparison.Ordinal);
            Assert.Contains(grid ? "13 distinct motifs enumerated" : "not finite", check.Output, StringComparison.Ordinal);
            Assert.Contains(fast ? "agree with autograd" : "no block kernel", check.Output, StringComparison.Ordinal);
        }

        var manifest = _temp.Write($"{name}.json", $$"""
            { "seed": 2, "device": "cpu", "pluginPaths": [{{Newtonsoft.Json.JsonConvert.ToString(output)}}, {{Newtonsoft.Json.JsonConvert.ToString(RepoPaths.TestPlugins)}}],
              {{sections}},
              "search": { "warmup": 3, "evaluationsPerIteration": 2, "candidates": 6{{(kind == "surrogate" ? ", \"surrogate\": \"probe-ranker\"" : fast ? ", \"surrogate\": \"dish\"" : "")}}, "budget": { "evaluations": 7 } } }
            """);
        var validated = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "validate", manifest);
        Assert.True(validated.ExitCode == ExitCodes.Success, validated.ToString());
        var run = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "run", manifest, "--out", _temp.File(name + "-run"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        Assert.Contains("after 7 ground-truth evaluations", run.Output, StringComparison.Ordinal);
        if (grid)
        {
            var all = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "evaluate", manifest, "--all", "--out", _temp.File("all.csv"), "--store", _temp.File("all.sqlite"));
            Assert.True(all.ExitCode == ExitCodes.Success, all.ToString());
            Assert.Equal(1 + 13, File.ReadAllLines(_temp.File("all.csv")).Length);
        }

        if (fast)
        {
            // The dish trained the scaffold's networks through its block kernel, meta-gradient included.
            var compared = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "compare", manifest, "--observations", _temp.File("all.csv"), "--out", _temp.File("compare"));
            Assert.True(compared.ExitCode == ExitCodes.Success, compared.ToString());
            Assert.Contains("\"compute_path_managed_meta_gradient\": 1", File.ReadAllText(_temp.File(Path.Combine("compare", "compare.json"))), StringComparison.Ordinal);

            // A kernel whose loss and parameter gradient are right but whose input gradient is not (the
            // synthetic samples would be learned wrong, silently) is caught by the check's second-order part.
            var kernel = Path.Combine(folder, "src", project, name + "BlockKernelOfT.cs");
            var source = File.ReadAllText(kernel);
            Assert.Contains("gx[(s * n) + i] = d * scale;", source, StringComparison.Ordinal);
            File.WriteAllText(kernel, source.Replace("gx[(s * n) + i] = d * scale;", "gx[(s * n) + i] = d;", StringComparison.Ordinal));
            var rebuilt = await ProcessRunner.RunAsync("dotnet", ["build", Path.Combine(folder, "src", project), restore, "-nologo"], folder, TimeSpan.FromMinutes(5));
            Assert.True(rebuilt.ExitCode == 0, rebuilt.ToString());
            // In a process of its own: this one has loaded the plugin's first build.
            var broken = await ProcessRunner.RunAsync("dotnet", [RepoPaths.HostDll, "check", output], folder, TimeSpan.FromMinutes(2));
            Assert.Equal(1, broken.ExitCode);
            Assert.Matches(@"FAIL\s+probe-fast\s+block-kernel\s+the kernel's input gradient of the loss", broken.Output);
        }
    }

    [Fact]
    public async Task A_new_experiment_is_the_commented_main_job_beside_its_reference_curve_and_is_not_overwritten()
    {
        var folder = _temp.File("experiment");

        var created = await New("experiment", "demo", "--output", folder);

        Assert.True(created.ExitCode == ExitCodes.Success, created.ToString());
        var manifest = Path.Combine(folder, "demo.json");
        var text = File.ReadAllText(manifest);
        Assert.Contains("// Seed of every random choice", text, StringComparison.Ordinal);
        Assert.Contains("\"reference\": \"demo-reference.csv\"", text, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "data", "sigmoid-slope-embedded-101.csv")), File.ReadAllText(Path.Combine(folder, "demo-reference.csv")));
        var validated = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "validate", manifest);
        Assert.True(validated.ExitCode == ExitCodes.Success, validated.ToString());
        Assert.Contains("sigmoid-slope", validated.Output, StringComparison.Ordinal);

        // The same settings as the README's main job, comments aside.
        var shipped = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Manifests, "sigmoid-slope.json")));
        var written = Newtonsoft.Json.Linq.JObject.Parse(text);
        foreach (var path in new[] { "seed", "searchSpace", "surrogates", "optimizer", "search.warmup", "search.candidates", "search.evaluationsPerIteration", "search.surrogate", "search.budget", "compare.seeds", "compare.train" })
        {
            Assert.True(Newtonsoft.Json.Linq.JToken.DeepEquals(shipped.SelectToken(path), written.SelectToken(path)), $"{path}: {written.SelectToken(path)} differs from the main job's {shipped.SelectToken(path)}");
        }

        File.WriteAllText(manifest, "{ \"kept\": true }");
        var again = await New("experiment", "demo", "--output", folder);
        Assert.Equal(ExitCodes.UsageError, again.ExitCode);
        Assert.Contains("--force", again.Error, StringComparison.Ordinal);
        Assert.Equal("{ \"kept\": true }", File.ReadAllText(manifest));
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
