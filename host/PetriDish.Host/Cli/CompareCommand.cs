using System.CommandLine;

namespace PetriDish.Host.Cli;

internal static class CompareCommand
{
    public static Command Create(CommandRunner runner)
    {
        var command = new Command("compare", "Not available yet.");
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, null, (_, _) => throw new UsageException("'compare' is not available yet"), cancellationToken));
        return command;
    }
}
