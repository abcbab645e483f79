using System.Globalization;
using Newtonsoft.Json.Linq;
using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Surrogates;

/// <summary>The zero-cost surrogate end to end through <c>compare</c>, each plugin loaded from its own build folder.</summary>
public sealed class ZeroCostSurrogateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static Task<CliResult> Petridish(params string[] args) => InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, .. args]);

    [Theory]
    [InlineData("params")]
    [InlineData("synflow")]
    public async Task On_a_space_whose_real_networks_grow_with_the_motif_the_proxy_ranks_a_rising_ground_truth_exactly(string proxy)
    {
        // The toy space's real network for position p is an MLP 1 → p + 1 → 1 and its ground truth rises
        // with p up to the peak, set at the end: both proxies grow with the width, so τ = 1.
        var manifest = _temp.Write("toy.json", $$"""
            {
              "seed": 3, "device": "cpu",
              "pluginPaths": [{{Newtonsoft.Json.JsonConvert.ToString(RepoPaths.TestPlugins)}}],
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 30, "peak": 29 } },
              "surrogates": [ { "plugin": "zero-cost", "settings": { "proxy": "{{proxy}}" } } ],
              "compare": { "seeds": 2, "train": { "count": 10 } }
            }
            """);
        var observations = _temp.Write("observations.csv", "motif,value\n" + string.Join('\n', Enumerable.Range(0, 30).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"toy:{p},{1 - ((p - 29) * (p - 29) / 100.0)}"))) + "\n");

        var compared = await Petridish("compare", manifest, "--observations", observations, "--out", _temp.File("out"));

        Assert.True(compared.ExitCode == ExitCodes.Success, compared.ToString());
        var surrogate = JObject.Parse(File.ReadAllText(_temp.File("out/compare.json")))["surrogates"]![0]!;
        Assert.Equal([1.0, 1.0], surrogate["kendall_tau"]!["values"]!.Select(v => (double)v));
        Assert.Contains($"{proxy}: τ 1.000 on the 10 observations", compared.Output + compared.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_nas_bench_201_synflow_ranks_cells_better_than_chance_without_training()
    {
        var manifest = _temp.Write("nb201.json", """
            {
              "seed": 0, "device": "cpu",
              "searchSpace": { "plugin": "nas-bench-201" },
              "surrogates": [ { "plugin": "zero-cost" } ],
              "compare": { "seeds": 1, "train": { "counts": [10] }, "test": { "count": 60 } }
            }
            """);

        var studied = await Petridish("compare", manifest, "--out", _temp.File("study"));

        Assert.True(studied.ExitCode == ExitCodes.Success, studied.ToString());
        var tau = (double)JObject.Parse(File.ReadAllText(_temp.File("study/study.json")))["surrogates"]![0]!["sizes"]![0]!["kendall_tau"]!["mean"]!;
        Assert.InRange(tau, 0.2, 1); // Synflow on CIFAR-10: τ ≈ 0.4 on 1,000 cells (docs/nas-bench-201.md).
    }

    [Fact]
    public async Task A_space_without_real_networks_is_refused_at_validation_naming_the_surrogate()
    {
        var manifest = _temp.Write("slope.json", """
            {
              "seed": 0, "device": "cpu",
              "searchSpace": { "plugin": "activation" },
              "surrogates": [ { "plugin": "zero-cost", "settings": { "proxy": "flops" } } ]
            }
            """);

        var validated = await Petridish("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, validated.ExitCode);
        Assert.Contains("unknown proxy 'flops' (known: synflow, params)", validated.Error, StringComparison.Ordinal);
        Assert.Contains("does not implement IRealNetworks", validated.Error, StringComparison.Ordinal);
    }
}
