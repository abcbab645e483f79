using System.CommandLine;

namespace PetriDish.Host.Cli;

internal static class RunCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("run", "Not available yet.");
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, null, (_, _) => throw new UsageException("'run' is not available yet"), cancellationToken));
        return command;
    }
}
