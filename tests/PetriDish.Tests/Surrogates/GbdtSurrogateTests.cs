using Newtonsoft.Json.Linq;
using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Surrogates;

/// <summary>The gbdt surrogate end to end on a small space, each plugin loaded from its own build folder.</summary>
public sealed class GbdtSurrogateTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("fasttree")]
    [InlineData("lightgbm")]
    public async Task On_the_toy_space_the_trees_rank_unseen_positions_as_the_curve_does(string library)
    {
        // Positions 0–39 with the peak at 20; a random half trains, the other half is ranked. Trees are
        // step functions of the position, so a test position between two training ones gets about
        // their value: the ranking of the test positions follows the curve.
        var manifest = _temp.Write("toy.json", $$"""
            {
              "seed": 5, "device": "cpu",
              "pluginPaths": [{{Newtonsoft.Json.JsonConvert.ToString(RepoPaths.TestPlugins)}}],
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 40, "peak": 20 } },
              "surrogates": [ { "plugin": "gbdt", "settings": { "trees": 100, "minimumPerLeaf": 1, "library": "{{library}}" } } ],
              "compare": { "seeds": 1, "train": { "fraction": 0.5 } }
            }
            """);
        var observations = _temp.Write("observations.csv", "motif,value\n" + string.Join('\n', Enumerable.Range(0, 40).Select(p =>
            FormattableString.Invariant($"toy:{p},{1 - ((p - 20) * (p - 20) / 100.0)}"))) + "\n");

        var compared = await InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "compare", manifest, "--observations", observations, "--out", _temp.File("out")]);

        Assert.True(compared.ExitCode == ExitCodes.Success, compared.ToString());
        var tau = (double)JObject.Parse(File.ReadAllText(_temp.File("out/compare.json")))["surrogates"]![0]!["kendall_tau"]!["mean"]!;
        Assert.InRange(tau, 0.6, 1);
    }
}
