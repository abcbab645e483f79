using System.CommandLine;

namespace PetriDish.Host.Cli;

internal static class EvaluateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("evaluate", "Not available yet.");
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, null, (_, _) => throw new UsageException("'evaluate' is not available yet"), cancellationToken));
        return command;
    }
}
