using System.Globalization;
using PetriDish.Cli;
using PetriDish.Core.Search;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Search;

public sealed class SummarizeCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string name, string search) => _temp.Write(name, $$"""
        {
          "name": "{{Path.GetFileNameWithoutExtension(name)}}",
          "seed": 7,
          "device": "cpu",
          "searchSpace": { "plugin": "toy-space", "settings": { "size": 60, "peak": 37 } },
          "surrogates": [ { "plugin": "nearest-neighbour" } ],
          "optimizer": { "plugin": "random-search" },
          "search": {{search}}
        }
        """);

    private static Task<CliResult> Cli(params string[] args) =>
        Infrastructure.InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, .. args]);

    private static string F4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Runs_of_the_same_manifest_form_one_method_with_its_best_and_its_post_warm_up_mean()
    {
        var screened = Manifest("screened.json", """{ "warmup": 4, "candidates": 30, "evaluationsPerIteration": 2, "surrogate": "nearest-neighbour", "budget": { "evaluations": 10 } }""");
        var plain = Manifest("plain.json", """{ "warmup": 4, "evaluationsPerIteration": 2, "budget": { "evaluations": 10 } }""");
        var folders = new List<(string Method, string Folder)>();
        foreach (var (method, manifest) in new[] { ("screened", screened), ("plain", plain) })
        {
            foreach (var seed in new[] { "1", "2" })
            {
                var folder = _temp.File($"{method}-seed{seed}");
                var run = await Cli("run", manifest, "--seed", seed, "--out", folder);
                Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
                folders.Add((method, folder));
            }
        }

        var result = await Cli(["summarize", .. folders.Select(f => f.Folder), "--out", _temp.File("summary"), "--title", "toy"]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var summary = File.ReadAllText(_temp.File("summary/summary.md"));
        Assert.StartsWith("# toy", summary, StringComparison.Ordinal);
        foreach (var method in folders.GroupBy(f => f.Method))
        {
            var evaluations = method.Select(f => RunFolders.Evaluations(f.Folder)).ToList();
            Assert.All(evaluations, e => Assert.Equal(10, e.Count));
            var best = evaluations.Select(e => e.Max(r => r.Value!.Value)).Average();
            var afterWarmup = evaluations.Select(e => e.Where(r => r.Purpose == SearchLoop.SearchPurpose).Average(r => r.Value!.Value)).Average();
            Assert.Contains($"| {method.Key} | 2 | 10 | {F4(best)} ± ", summary, StringComparison.Ordinal);
            Assert.Contains($" | {F4(afterWarmup)} ± ", summary, StringComparison.Ordinal);
        }

        var csv = File.ReadAllLines(_temp.File("summary/summary.csv"));
        Assert.Equal("method,seed,evaluations,best", csv[0]);
        Assert.Equal(4 * 10, csv.Length - 1); // Every run's best-so-far at each of its 10 evaluations.
        Assert.True(new FileInfo(_temp.File("summary/summary.png")).Length > 10_000);
    }

    [Fact]
    public async Task A_folder_without_a_run_is_a_usage_error_naming_it()
    {
        var empty = _temp.File("not-a-run");
        Directory.CreateDirectory(empty);

        var result = await Cli("summarize", empty, "--out", _temp.File("summary"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{empty} holds no run", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_temp.File("summary")));
    }
}
