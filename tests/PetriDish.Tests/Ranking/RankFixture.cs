using Newtonsoft.Json.Linq;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Ranking;

/// <summary>
/// What <c>petridish rank</c> tests share: the main manifest's search space with surrogates of the
/// test's choosing, observations measured on the embedded MNIST subset, and the command itself.
/// </summary>
internal static class RankFixture
{
    /// <summary>21 slopes measured on the embedded subset.</summary>
    public static readonly string Observations = Path.Combine(RepoPaths.Root, "docs", "data", "sigmoid-slope-embedded-21.csv");

    /// <summary>
    /// manifests/sigmoid-slope.json with <paramref name="surrogates"/> (a JSON array), screening with
    /// <paramref name="screening"/>; its paths to docs/ are dropped.
    /// </summary>
    public static string Manifest(TempDirectory temp, string surrogates, string screening)
    {
        var manifest = JObject.Parse(File.ReadAllText(Path.Combine(RepoPaths.Manifests, "sigmoid-slope.json")));
        manifest.Remove("$schema");
        manifest.Remove("compare");
        ((JObject)manifest["search"]!).Remove("reference");
        manifest["search"]!["surrogate"] = screening;
        manifest["surrogates"] = JArray.Parse(surrogates);
        return temp.Write("sigmoid-slope.json", manifest.ToString());
    }

    public static Task<CliResult> Rank(params string[] args) => InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "rank", .. args]);
}
