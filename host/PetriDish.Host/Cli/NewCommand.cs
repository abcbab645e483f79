using System.CommandLine;

namespace PetriDish.Host.Cli;

internal static class NewCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("new", "Not available yet.");
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (string?)null, (_, _) => throw new UsageException("'new' is not available yet"), cancellationToken));
        return command;
    }
}
