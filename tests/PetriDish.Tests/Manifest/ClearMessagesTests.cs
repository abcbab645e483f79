using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Manifest;

/// <summary>Issue 26, item 13: mistakes that got a library's words (or the wrong token) get their own.</summary>
public sealed class ClearMessagesTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    [InlineData("// only a comment\n")]
    public async Task An_empty_manifest_is_called_empty(string text)
    {
        var manifest = _temp.Write("empty.json", text);

        var result = await InProcessCli.RunAsync("validate", manifest);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("the manifest is empty", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("JToken", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "run", "--resum", "runs/x" }, "'run' has no option --resum; did you mean --resume?")]
    [InlineData(new[] { "compare", "m.json", "--fold", "3" }, "'compare' has no option --fold; did you mean --folds?")]
    public async Task A_misspelt_option_is_named_not_the_token_after_it(string[] args, string message)
    {
        var result = await InProcessCli.RunAsync(args);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public async Task A_new_plugin_without_a_name_is_asked_for_one(string name)
    {
        var result = await InProcessCli.RunAsync("new", "surrogate", name, "--output", _temp.File("plugin"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("give the plugin a name, such as MyRanker", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter", result.Error, StringComparison.Ordinal);
    }
}
