using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Manifest;

/// <summary>
/// Each command requires only the data files it reads: evaluate writes the reference a run reads later,
/// so a manifest naming a reference that does not exist yet must not stop it.
/// </summary>
public sealed class CommandReadsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string space = "toy-space", string compare = """{ "observations": "observations.csv" }""") => _temp.Write("m.json", $$"""
        {
          "name": "reads",
          "seed": 1,
          "device": "cpu",
          "searchSpace": { "plugin": "{{space}}" },
          "surrogates": [ { "plugin": "linear" } ],
          "optimizer": { "plugin": "random-search" },
          "search": { "warmup": 3, "reference": "reference.csv", "budget": { "evaluations": 4 } },
          "compare": {{compare}}
        }
        """);

    private static Task<CliResult> Cli(params string[] args) =>
        InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "--plugins", RepoPaths.BrokenPlugins, .. args]);

    [Fact]
    public async Task Evaluate_writes_the_reference_that_the_manifest_names_but_that_does_not_exist_yet()
    {
        var manifest = Manifest();

        // As a process: the warning goes through the host's console logger, which an in-process run does not capture.
        var evaluate = await ProcessRunner.PetriDishAsync(_temp.Path, TimeSpan.FromMinutes(2),
            "--plugins", RepoPaths.TestPlugins, "evaluate", manifest, "--random", "5", "--out", _temp.File("reference.csv"), "--store", _temp.File("cache.sqlite"));

        Assert.True(evaluate.ExitCode == ExitCodes.Success, evaluate.ToString());
        Assert.Contains("reference file", evaluate.Error, StringComparison.Ordinal);
        Assert.Contains("does not exist yet; this command does not read it", evaluate.Error, StringComparison.Ordinal);
        Assert.Equal(6, File.ReadAllLines(_temp.File("reference.csv")).Length);
    }

    [Fact]
    public async Task Validate_and_run_still_require_what_they_read_and_say_who_reads_it()
    {
        var manifest = Manifest();

        var validate = await Cli("validate", manifest);
        var run = await Cli("run", manifest, "--out", _temp.File("run"));

        Assert.Equal(ExitCodes.UsageError, validate.ExitCode);
        Assert.Contains("$.search.reference", validate.Error, StringComparison.Ordinal);
        Assert.Contains("$.compare.observations", validate.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("$.search.reference", run.Error, StringComparison.Ordinal);
        Assert.Contains("petridish evaluate --out can write it", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("$.compare.observations", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("run")));
    }

    [Fact]
    public async Task A_manifest_without_a_search_budget_serves_evaluate_and_compare_but_not_run()
    {
        var manifest = _temp.Write("nosearch.json", """
            { "name": "nosearch", "seed": 1, "device": "cpu", "searchSpace": { "plugin": "sound-grid" },
              "surrogates": [ { "plugin": "linear" } ], "optimizer": { "plugin": "random-search" },
              "compare": { "observations": "all.csv", "seeds": 1, "train": { "count": 12 } } }
            """);

        var evaluate = await Cli("evaluate", manifest, "--all", "--out", _temp.File("all.csv"), "--store", _temp.File("cache.sqlite"));
        var compare = await Cli("compare", manifest, "--out", _temp.File("compare"));
        var run = await Cli("run", manifest, "--out", _temp.File("run"));

        Assert.True(evaluate.ExitCode == ExitCodes.Success, evaluate.ToString());
        Assert.True(compare.ExitCode == ExitCodes.Success, compare.ToString());
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.Contains("$.search: give at least one of evaluations, iterations or wallTimeSeconds", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_benchmark_needs_its_reference_but_not_compare_s_observations()
    {
        File.WriteAllText(_temp.File("reference.csv"), "motif,value\ntoy:1,0.1\ntoy:2,0.2\n");
        var manifest = _temp.Write("bench.json", """
            { "name": "bench", "seed": 1, "device": "cpu", "searchSpace": { "plugin": "toy-space" },
              "surrogates": [ { "plugin": "linear" } ], "optimizer": { "plugin": "random-search" },
              "search": { "warmup": 2, "reference": "reference.csv", "budget": { "evaluations": 3 } },
              "compare": { "observations": "observations.csv" },
              "benchmark": { "seeds": 1, "arms": [ { "name": "random-search" } ] } }
            """);

        var benchmark = await Cli("benchmark", manifest, "--out", _temp.File("bench"));
        var validate = await Cli("validate", manifest);

        Assert.True(benchmark.ExitCode == ExitCodes.Success, benchmark.ToString());
        Assert.Equal(1 + 3, File.ReadAllLines(_temp.File("bench/evaluations.csv")).Length);
        Assert.Equal(ExitCodes.UsageError, validate.ExitCode);
        Assert.Contains("$.compare.observations", validate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_training_range_on_a_space_without_an_axis_is_a_validation_error()
    {
        File.WriteAllText(_temp.File("reference.csv"), "motif,value\n");
        File.WriteAllText(_temp.File("observations.csv"), "motif,value\n");
        var manifest = Manifest("sound-grid", """{ "observations": "observations.csv", "train": { "range": [0.1, 0.5] } }""");

        var validate = await Cli("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, validate.ExitCode);
        Assert.Contains("$.compare.train.range", validate.Error, StringComparison.Ordinal);
        Assert.Contains("has no axis", validate.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_all_lists_a_finite_space_and_random_search_exhausts_it_without_a_repeat()
    {
        var manifest = _temp.Write("grid.json", """
            {
              "name": "grid",
              "seed": 4,
              "device": "cpu",
              "searchSpace": { "plugin": "sound-grid" },
              "surrogates": [ { "plugin": "linear" } ],
              "optimizer": { "plugin": "random-search" },
              "search": { "warmup": 5, "evaluationsPerIteration": 5, "budget": { "evaluations": 20 } }
            }
            """);

        var all = await Cli("evaluate", manifest, "--all", "--out", _temp.File("all.csv"), "--store", _temp.File("cache.sqlite"));
        var run = await Cli("run", manifest, "--out", _temp.File("run"));

        Assert.True(all.ExitCode == ExitCodes.Success, all.ToString());
        Assert.Equal(21, File.ReadAllLines(_temp.File("all.csv")).Length);
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var evaluated = RunFolders.Evaluations(_temp.File("run"));
        Assert.Equal(20, evaluated.Select(e => e.Motif).Distinct().Count());
    }
}
