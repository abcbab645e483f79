using System.CommandLine;
using PetriDish.Core;
using PetriDish.Dashboard;

namespace PetriDish.Cli;

/// <summary><c>petridish serve</c>: the read-only web dashboard over run, comparison and benchmark folders.</summary>
internal static class ServeCommand
{
    public static Command Create(CommandRunner runner)
    {
        var folders = new Argument<string[]>("folders") { Description = "Folders holding run folders, comparison outputs and benchmark outputs (searched recursively).", Arity = ArgumentArity.ZeroOrMore };
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on (0: any free port, printed at start).", DefaultValueFactory = _ => DashboardOptions.DefaultPort };
        var host = new Option<string>("--host") { Description = "Address to bind. The default, 127.0.0.1, keeps the dashboard on this machine; 0.0.0.0 shows it to the network.", DefaultValueFactory = _ => "127.0.0.1" };
        var command = new Command("serve", "A live web dashboard of runs, comparisons and benchmarks (read-only; Ctrl+C stops it).")
        {
            folders, port, host,
        };
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (string?)null, async (context, token) =>
        {
            var given = parse.GetValue(folders) is { Length: > 0 } named ? named : ["runs"];
            var options = new DashboardOptions { Folders = given, Port = parse.GetValue(port), Host = parse.GetValue(host)! };
            if (options.Problems() is { Count: > 0 } problems)
            {
                throw new InvalidInputException(string.Join("; ", problems));
            }

            await using var server = await StartAsync(options, token).ConfigureAwait(false);
            await context.Out.WriteLineAsync($"PetriDish dashboard on {server.Address} serving {string.Join(", ", given.Select(Path.GetFullPath))} (read-only); Ctrl+C stops it").ConfigureAwait(false);
            if (!options.IsLoopback)
            {
                await context.Error.WriteLineAsync($"warning: --host {options.Host} shows every run under these folders to anyone who can reach this machine").ConfigureAwait(false);
            }

            try
            {
                await Task.Delay(Timeout.Infinite, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C: the normal way a dashboard ends.
            }

            await server.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await context.Out.WriteLineAsync("dashboard stopped").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    private static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await DashboardServer.StartAsync(options, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException ex)
        {
            throw new InvalidInputException($"cannot listen on {options.Host}:{options.Port}: {ex.Message} (another process uses the port? choose one with --port, or --port 0 for any free one)", ex);
        }
    }
}
