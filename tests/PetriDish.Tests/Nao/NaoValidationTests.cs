using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Nao;

public sealed class NaoValidationTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Nao_on_a_search_space_without_a_token_form_fails_validation_not_the_run()
    {
        var manifest = _temp.Write("nao.json", """
            { "searchSpace": { "plugin": "activation" }, "optimizer": { "plugin": "nao" }, "search": { "budget": { "evaluations": 5 } } }
            """);

        var validate = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "validate", manifest);
        var run = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "run", manifest, "--out", _temp.File("run"));

        Assert.Equal(ExitCodes.UsageError, validate.ExitCode);
        Assert.Contains("$.optimizer.settings (plugin 'nao'): NAO needs a search space with a token form, and 'sigmoid-slope, slope c ∈ [0.01, 2.01]' has none", validate.Error, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.UsageError, run.ExitCode);
        Assert.False(Directory.Exists(_temp.File("run")));
    }

    [Fact]
    public async Task Nao_on_the_cell_space_validates()
    {
        var manifest = _temp.Write("cells.json", """
            { "searchSpace": { "plugin": "rnn-cell" }, "optimizer": { "plugin": "nao", "settings": { "epochs": 50 } }, "search": { "budget": { "evaluations": 5 } } }
            """);

        var validate = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "validate", manifest);

        Assert.True(validate.ExitCode == ExitCodes.Success, validate.ToString());
    }
}
