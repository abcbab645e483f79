using PetriDish.Cli;
using PetriDish.Sdk.Conformance;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Plugins;

/// <summary>
/// A search space's broken key or encoding, met while a search runs, is reported as that search space's
/// fault with the rule it broke: not as the optimizer's invalid proposal, nor as an index error inside a surrogate.
/// </summary>
public sealed class PluginFaultBlameTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string space) => _temp.Write($"{space}.json", $$"""
        {
          "name": "{{space}}",
          "seed": 1,
          "device": "cpu",
          "searchSpace": { "plugin": "{{space}}" },
          "surrogates": [ { "plugin": "linear" } ],
          "optimizer": { "plugin": "random-search" },
          "search": { "warmup": 4, "candidates": 6, "evaluationsPerIteration": 1, "surrogate": "linear", "budget": { "evaluations": 8 } }
        }
        """);

    [Theory]
    [InlineData("broken-key", ConformanceRules.KeyRoundTrip)]
    [InlineData("broken-encoding", ConformanceRules.Encoding)]
    public async Task A_run_names_the_search_space_and_the_rule_it_broke(string space, string rule)
    {
        var result = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.BrokenPlugins,
            "run", Manifest(space), "--out", _temp.File("run"));

        Assert.True(result.ExitCode == ExitCodes.RuntimeFailure, result.ToString());
        Assert.Contains($"search space '{space}' breaks the rule {rule}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Index was outside", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("proposed an invalid motif", result.Error, StringComparison.Ordinal);
    }
}
