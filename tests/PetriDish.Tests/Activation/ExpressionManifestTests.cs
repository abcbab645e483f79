using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Activation;

/// <summary>The shipped composed-activation manifests validate as a newcomer would run them.</summary>
public sealed class ExpressionManifestTests
{
    private static readonly string[] Paths =
    [
        "activation-expression.json",
        .. Directory.GetFiles(Path.Combine(RepoPaths.Manifests, "experiments"), "expr-*.json").Select(p => Path.Combine("experiments", Path.GetFileName(p))).Order(),
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
    public void The_search_comparison_has_all_five_methods() =>
        Assert.Equal(5, Paths.Count(p => p.Contains("expr-", StringComparison.Ordinal)));
}
