using PetriDish.Cli;

namespace PetriDish.Tests.Infrastructure;

/// <summary>Runs the <c>petridish</c> CLI in this process, capturing what it prints.</summary>
public static class InProcessCli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await PetriDishCli.RunAsync(args, output, error, interactive: false);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

public sealed record CliResult(int ExitCode, string Output, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Output}\n--- stderr ---\n{Error}";
}
