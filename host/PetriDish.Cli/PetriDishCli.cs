using System.CommandLine;
using System.CommandLine.Parsing;
using PetriDish.Core.Manifest;

namespace PetriDish.Cli;

/// <summary>The <c>petridish</c> command line.</summary>
public static class PetriDishCli
{
    /// <summary>Parses and runs <paramref name="args"/>, writing to the given streams; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive, CancellationToken cancellationToken = default) =>
        await RunAsync(args, output, error, interactive, handleSignals: false, cancellationToken).ConfigureAwait(false);

    /// <summary>Parses and runs <paramref name="args"/>; with <paramref name="handleSignals"/>, SIGINT, SIGTERM and SIGHUP stop the work (the petridish process).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool interactive, bool handleSignals, CancellationToken cancellationToken = default)
    {
        var runner = new CommandRunner(output, error, interactive, handleSignals);
        var root = new RootCommand("PetriDish: neural-architecture search with the Synthetic Petri Dish and other surrogates.")
        {
            GlobalOptions.Plugins,
            GlobalOptions.Verbose,
        };
        root.Subcommands.Add(RunCommand.Create(runner));
        root.Subcommands.Add(CompareCommand.Create(runner));
        root.Subcommands.Add(RankCommand.Create(runner));
        root.Subcommands.Add(EvaluateCommand.Create(runner));
        root.Subcommands.Add(SummarizeCommand.Create(runner));
        root.Subcommands.Add(BenchmarkCommand.Create(runner));
        root.Subcommands.Add(ServeCommand.Create(runner));
        root.Subcommands.Add(ValidateCommand.Create(runner));
        root.Subcommands.Add(PluginsCommand.Create(runner));
        root.Subcommands.Add(CheckCommand.Create(runner));
        root.Subcommands.Add(NewCommand.Create(runner));

        var parse = root.Parse(args);

        // An unknown --option is taken as an argument (a misspelt --resume becomes the manifest), and the
        // error then names the wrong token: name the misspelt option instead.
        var command = parse.CommandResult.Command;
        var known = command.Options.Concat(root.Options).SelectMany(o => o.Aliases.Append(o.Name)).Distinct().ToList();
        var unknown = parse.Tokens.Where(t => t.Type == TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2).Select(t => t.Value).ToList();
        if (unknown.Count > 0)
        {
            foreach (var option in unknown)
            {
                var closest = Spelling.Closest(option, known);
                await error.WriteLineAsync($"error: '{command.Name}' has no option {option}{(closest is null ? "" : $"; did you mean {closest}?")}").ConfigureAwait(false);
            }

            await error.WriteLineAsync($"Run 'petridish {command.Name} --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync("error: " + ParseErrorText.Readable(problem.Message)).ConfigureAwait(false);
            }

            await error.WriteLineAsync("Run 'petridish --help' for usage.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }

        // ProcessTerminationTimeout null: System.CommandLine would otherwise install its own SIGINT and
        // SIGTERM handlers, race the host's (which also handle SIGHUP and choose the exit code), and
        // end the process 2 s after a signal even while finished work is still being stored.
        return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, cancellationToken).ConfigureAwait(false);
    }
}
