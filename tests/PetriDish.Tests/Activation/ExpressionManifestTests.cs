using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Activation;

/// <summary>The shipped composed-activation manifests validate as a newcomer would run them.</summary>
public sealed class ExpressionManifestTests
{
    private static readonly string[] Paths =
    [
        "activation-expression.json",
        Path.Combine("experiments", "activation-expression-search.json"),
        Path.Combine("experiments", "activation-expression-dish-init-0.3.json"),
    ];

    public static TheoryData<string> Manifests() => [.. Paths];

    [Theory]
    [MemberData(nameof(Manifests))]
    public async Task The_manifest_validates(string manifest)
    {
        var result = await InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "validate", Path.Combine(RepoPaths.Manifests, manifest)]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.Contains("2619 distinct functions", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_comparison_has_all_five_methods_as_arms()
    {
        var result = await InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "validate", Path.Combine(RepoPaths.Manifests, "experiments", "activation-expression-search.json")]);

        Assert.Contains("benchmark:    5 arms × 5 seeds (expr-petri-dish-rs, expr-petri-dish-nao, expr-nao, expr-random-search, expr-partial-evaluation)", result.Output, StringComparison.Ordinal);
    }
}
