using System.Text.RegularExpressions;
using PetriDish.Cli;
using PetriDish.Core.Conformance;
using PetriDish.Sdk.Conformance;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Plugins;

/// <summary>
/// <c>petridish check</c> against search spaces that each break one rule (tests/PetriDish.TestPlugins.Broken),
/// a sound one built the same way, and the shipped plugins.
/// </summary>
public sealed partial class CheckCommandTests
{
    private static readonly string BrokenFolder = Path.Combine(RepoPaths.BrokenPlugins, "PetriDish.TestPlugins.Broken");

    private static Task<CliResult> Check(params string[] args) => InProcessCli.RunAsync(["check", .. args]);

    private static List<(string Result, string Plugin, string Rule, string Detail)> Rows(string output) =>
        [.. output.Split('\n').Select(line => RowPattern().Match(line)).Where(m => m.Success)
            .Select(m => (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value, m.Groups[4].Value.Trim()))];

    [GeneratedRegex(@"^(pass|FAIL)\s+(\S+)\s+(\S+)\s+(.*)$")]
    private static partial Regex RowPattern();

    [Theory]
    [InlineData("broken-encoding", ConformanceRules.Encoding, "Encode(grid:")]
    [InlineData("broken-key", ConformanceRules.KeyRoundTrip, "Parse of it gives a motif with key")]
    [InlineData("broken-mutation", ConformanceRules.Mutate, "which Parse refuses")]
    [InlineData("broken-forward", ConformanceRules.Forward, "expected [5, 6, 1]")]
    public async Task A_plugin_that_breaks_a_rule_fails_the_check_with_the_plugin_and_the_rule_named(string plugin, string rule, string detail)
    {
        var result = await Check(BrokenFolder, "--space", plugin);

        Assert.True(result.ExitCode == ExitCodes.RuntimeFailure, result.ToString());
        var rows = Rows(result.Output);
        Assert.All(rows, r => Assert.Equal(plugin, r.Plugin));
        var failed = Assert.Single(rows, r => r.Result == "FAIL" && r.Rule == rule);
        Assert.Contains(detail, failed.Detail, StringComparison.Ordinal);
        Assert.Matches(@"\d+ rules kept, [1-9]\d* broken \(1 search space\)\s*$", result.Output);
        // The rules that do not depend on the broken one still pass: the check isolates the fault.
        Assert.Contains(rows, r => r.Result == "pass" && r.Rule == ConformanceRules.Sample);
    }

    [Fact]
    public async Task A_sound_plugin_passes_every_rule()
    {
        var result = await Check(BrokenFolder, "--space", "sound-grid");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var rows = Rows(result.Output);
        Assert.DoesNotContain(rows, r => r.Result == "FAIL");
        Assert.Equal([PluginConformance.Creation, .. ConformanceRules.All], rows.Select(r => r.Rule));
        Assert.Contains(rows, r => r.Rule == ConformanceRules.Finite && r.Detail.Contains("20 distinct motifs enumerated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_of_several_plugins_is_checked_whole_and_fails_if_any_does()
    {
        var result = await Check(BrokenFolder);

        Assert.True(result.ExitCode == ExitCodes.RuntimeFailure, result.ToString());
        var failing = Rows(result.Output).Where(r => r.Result == "FAIL").Select(r => r.Plugin).ToHashSet();
        Assert.Equal(["broken-encoding", "broken-forward", "broken-key", "broken-mutation"], failing.Order());
        Assert.Contains("(5 search spaces)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shipped_activation_space_passes_with_its_hand_written_gradient_and_block_kernel_compared_to_autograd()
    {
        var result = await Check(Path.Combine(RepoPaths.HostPlugins, "PetriDish.Plugins.SearchSpace.Activation"), "--space", "activation");

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var rows = Rows(result.Output);
        Assert.Contains("agree with autograd", Assert.Single(rows, r => r.Rule == ConformanceRules.HandWrittenGradient).Detail, StringComparison.Ordinal);
        var kernel = Assert.Single(rows, r => r.Rule == ConformanceRules.BlockKernel).Detail;
        Assert.Contains("loss and gradient of 33 parameters agree with autograd", kernel, StringComparison.Ordinal);
        Assert.Contains("meta-gradient products (input gradient, Hessian times a direction) agree with autograd's second order", kernel, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Settings_given_on_the_command_line_are_validated_like_a_manifest_s()
    {
        var result = await Check(Path.Combine(RepoPaths.TestPlugins, "PetriDish.TestPlugins"), "--space", "toy-space", "--settings", """{ "size": -3 }""");

        Assert.True(result.ExitCode == ExitCodes.RuntimeFailure, result.ToString());
        var failed = Assert.Single(Rows(result.Output), r => r.Result == "FAIL");
        Assert.Equal(PluginConformance.Creation, failed.Rule);
        Assert.Contains("size", failed.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_space_is_a_usage_error_naming_the_spaces_the_folder_has()
    {
        var result = await Check(BrokenFolder, "--space", "no-such-space");

        Assert.NotEqual(ExitCodes.Success, result.ExitCode);
        Assert.Contains("no-such-space", result.Error, StringComparison.Ordinal);
        Assert.Contains("sound-grid", result.Error, StringComparison.Ordinal);
    }
}
