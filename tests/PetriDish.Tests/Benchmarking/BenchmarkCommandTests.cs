using Newtonsoft.Json.Linq;
using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Benchmarking;

/// <summary><c>petridish benchmark</c> on NAS-Bench-201 (table lookups, so that searches take a second), plugins loaded from their build folders.</summary>
public sealed class BenchmarkCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task<CliResult> Petridish(params string[] args) => InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, .. args]);

    private string Manifest(string arms, string budget = """{ "evaluations": 20 }""", int seeds = 3, string name = "benchmark.json") => _temp.Write(name, $$"""
        {
          "name": "nb201-benchmark-test",
          "searchSpace": { "plugin": "nas-bench-201" },
          "surrogates": [ { "plugin": "gbdt", "settings": { "trees": 20 } } ],
          "optimizer": { "plugin": "random-search" },
          "search": { "warmup": 5, "candidates": 20, "evaluationsPerIteration": 5, "budget": {{budget}} },
          "benchmark": { "seeds": {{seeds}}, "reference": "regularized-evolution", "arms": [ {{arms}} ] }
        }
        """);

    private const string ThreeArms = """
        { "name": "random-search" },
        { "name": "regularized-evolution", "optimizer": { "plugin": "regularized-evolution", "settings": { "population": 5, "sampleSize": 2 } }, "search": { "evaluationsPerIteration": 1 } },
        { "name": "gbdt-regularized-evolution", "optimizer": { "plugin": "regularized-evolution", "settings": { "population": 5, "sampleSize": 2 } }, "surrogate": "gbdt" }
        """;

    private static List<string[]> Rows(string folder) =>
        [.. File.ReadAllLines(Path.Combine(folder, "evaluations.csv")).Skip(1).Select(line => line.Split(','))];

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Every_arm_of_a_seed_starts_from_the_same_warm_up_and_the_outputs_give_regret_statistics_and_tests()
    {
        var folder = _temp.File("out");
        var result = await Petridish("benchmark", Manifest(ThreeArms), "--out", folder);
        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());

        var rows = Rows(folder);
        Assert.Equal(3 * 3 * 20, rows.Count);
        var warmups = rows.Where(r => r[3] == "0").GroupBy(r => (Arm: r[0], Seed: r[1])).ToDictionary(g => g.Key, g => string.Join(";", g.Select(r => r[4])));
        foreach (var seed in new[] { "1", "2", "3" })
        {
            Assert.Single(new[] { "random-search", "regularized-evolution", "gbdt-regularized-evolution" }.Select(arm => warmups[(arm, seed)]).Distinct());
        }

        Assert.Equal(3, new[] { "1", "2", "3" }.Select(seed => warmups[("random-search", seed)]).Distinct().Count());

        // Regret is the table's optimum (91.6067) minus the best so far, never negative, never rising.
        foreach (var search in rows.GroupBy(r => (r[0], r[1])))
        {
            var regrets = search.Select(r => double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var best = search.Select(r => double.Parse(r[6], System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.All(regrets.Zip(best), p => Assert.Equal(91.6067 - p.Second, p.First, 6));
            Assert.True(regrets.Zip(regrets.Skip(1)).All(p => p.Second <= p.First), string.Join(", ", regrets));
        }

        var json = JObject.Parse(File.ReadAllText(Path.Combine(folder, "benchmark.json")));
        var arms = (JArray)json["arms"]!;
        Assert.Equal(["random-search", "regularized-evolution", "gbdt-regularized-evolution"], arms.Select(a => (string)a["name"]!));
        var random = arms[0];
        var finals = rows.Where(r => r[0] == "random-search" && r[2] == "20").Select(r => double.Parse(r[7], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(finals.Average(), (double)random["final_regret"]!["mean"]!, 9);
        Assert.Equal(2, ((JArray)random["final_regret"]!["ci95"]!).Count);
        Assert.Equal(JTokenType.Null, arms[1]["wilcoxon"]!.Type);
        Assert.Equal("regularized-evolution", (string)random["wilcoxon"]!["against"]!);
        Assert.True((double)random["seconds"]!["surrogate_total"]! == 0 && (double)arms[2]["seconds"]!["surrogate_total"]! > 0);
        Assert.Equal(3, ((JObject)json["random_search_expectation"]!).Count);
        Assert.True(File.Exists(Path.Combine(folder, "benchmark.png")) && File.Exists(Path.Combine(folder, "report.md")));
        Assert.Contains("| gbdt-regularized-evolution | regularized-evolution | gbdt | 3 |", File.ReadAllText(Path.Combine(folder, "report.md")), StringComparison.Ordinal);

        // A finished benchmark resumed only rereads its runs.
        var again = await Petridish("benchmark", "--resume", folder);
        Assert.True(again.ExitCode == ExitCodes.Success, again.ToString());
        Assert.Equal(rows.Select(r => string.Join(",", r.Take(8))), Rows(folder).Select(r => string.Join(",", r.Take(8))));
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_benchmark_killed_mid_way_resumes_to_the_evaluations_of_an_uninterrupted_one()
    {
        var manifest = Manifest(ThreeArms, """{ "evaluations": 40 }""", seeds: 4);
        var reference = await Petridish("benchmark", manifest, "--out", _temp.File("reference"));
        Assert.True(reference.ExitCode == ExitCodes.Success, reference.ToString());

        var killed = _temp.File("killed");
        int Finished() => Directory.Exists(Path.Combine(killed, "runs")) ? Directory.EnumerateFiles(Path.Combine(killed, "runs"), "best.json", SearchOption.AllDirectories).Count() : 0;
        using (var victim = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, "--plugins", RepoPaths.HostPlugins, "benchmark", manifest, "--jobs", "2", "--out", killed], _temp.Path))
        {
            RunLogs.Follow(victim);
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (Finished() < 3 && !victim.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }

            victim.Kill(entireProcessTree: true); // SIGKILL to the benchmark and its two workers
            await victim.WaitForExitAsync();
        }

        var before = Finished();
        Assert.InRange(before, 3, 11);
        var resumed = await Petridish("benchmark", "--resume", killed);
        Assert.True(resumed.ExitCode == ExitCodes.Success, resumed.ToString());
        Assert.Contains($"{before} already finished", resumed.Error, StringComparison.Ordinal);

        static IEnumerable<string> Spent(string folder) => Rows(folder).Select(r => string.Join(",", r.Take(8)));
        Assert.Equal(Spent(_temp.File("reference")), Spent(killed));
    }

    [Fact]
    public async Task Bad_benchmark_sections_are_validation_errors_at_their_json_paths()
    {
        var manifest = Manifest("""
            { "name": "regularized-evolution", "optimizer": { "plugin": "regularized-evolutoin" } },
            { "name": "regularized-evolution", "optimizer": { "plugin": "random-search" } },
            { "name": "screened", "surrogate": "no-such-surrogate" },
            { "name": "own-budget", "search": { "budget": { "evaluations": 10 } } },
            { "name": "bad-setting", "optimizer": { "plugin": "regularized-evolution", "settings": { "population": 0 } } }
            """, budget: """{ "evaluations": 0 }""");

        foreach (var command in new[] { "benchmark", "validate" })
        {
            var result = await Petridish(command, manifest);

            Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
            Assert.Contains("$.search.budget.evaluations", result.Error, StringComparison.Ordinal);
            Assert.Contains("$.benchmark.arms[0].optimizer.plugin (plugin 'regularized-evolutoin'): unknown optimizer plugin 'regularized-evolutoin'; did you mean 'regularized-evolution'?", result.Error, StringComparison.Ordinal);
            Assert.Contains("$.benchmark.arms[1].name: another arm is already named 'regularized-evolution'", result.Error, StringComparison.Ordinal);
            Assert.Contains("$.benchmark.arms[2].surrogate: no surrogate named 'no-such-surrogate'", result.Error, StringComparison.Ordinal);
            Assert.Contains("$.benchmark.arms[3].search.budget: every arm shares search.budget", result.Error, StringComparison.Ordinal);
            Assert.Contains("$.benchmark.arms[4].optimizer.settings.population", result.Error, StringComparison.Ordinal);
            Assert.DoesNotContain("searches of", result.Error, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(Path.Combine(_temp.Path, "runs")));
    }
}
