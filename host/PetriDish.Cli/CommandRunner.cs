using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using PetriDish.Abstractions;
using PetriDish.Core;
using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;

namespace PetriDish.Cli;

/// <summary>
/// Runs a command's action inside a generic host holding the loaded plugins, and turns its outcome
/// into an exit code: 0 success, 1 runtime failure, 2 usage or validation error, 130 interrupted
/// (the process turns that into 143 or 129 when SIGTERM or SIGHUP interrupted it).
/// </summary>
internal sealed class CommandRunner(TextWriter output, TextWriter error, bool interactive)
{
    /// <summary>Runs <paramref name="action"/> with the plugins of the host, of --plugins and of the manifest's pluginPaths.</summary>
    public Task<int> RunAsync(ParseResult parse, string? manifestPath, Func<CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken) =>
        RunAsync(parse, () => ManifestPeek.PluginPaths(manifestPath), action, cancellationToken);

    /// <summary>Runs <paramref name="action"/>; <paramref name="extraPluginFolders"/> runs inside the error handling.</summary>
    public async Task<int> RunAsync(
        ParseResult parse,
        Func<IReadOnlyList<string>> extraPluginFolders,
        Func<CommandContext, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        try
        {
            IReadOnlyList<string> folders =
            [
                .. Directory.Exists(PluginCatalogLoader.DefaultFolder) ? [PluginCatalogLoader.DefaultFolder] : Array.Empty<string>(),
                .. (parse.GetValue(GlobalOptions.Plugins) ?? []).Select(Path.GetFullPath),
                .. extraPluginFolders(),
            ];
            var catalog = PluginCatalogLoader.Load(folders);
            using var host = BuildHost(catalog, verbose);
            var context = new CommandContext
            {
                Catalog = catalog,
                LoggerFactory = host.Services.GetRequiredService<ILoggerFactory>(),
                Out = output,
                Error = error,
                Interactive = interactive,
                Verbose = verbose,
                PluginFolders = [.. folders.Where(f => f != PluginCatalogLoader.DefaultFolder).Distinct()],
            };
            return await action(context, cancellationToken).ConfigureAwait(false);
        }
        catch (ManifestValidationException ex)
        {
            foreach (var problem in ex.Errors)
            {
                await error.WriteLineAsync(TerminalText.Safe(problem.ToString())).ConfigureAwait(false);
            }

            await error.WriteLineAsync($"{ex.Errors.Count} problem{(ex.Errors.Count == 1 ? "" : "s")} found; nothing was run.").ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (Exception ex) when (ex is InvalidInputException or MotifFormatException)
        {
            await error.WriteLineAsync("error: " + TerminalText.Safe(ex.Message)).ConfigureAwait(false);
            return ExitCodes.UsageError;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync("interrupted; finished work is stored.").ConfigureAwait(false);
            return ExitCodes.Interrupted;
        }
#pragma warning disable CA1031 // The CLI's last line of defence: every failure becomes a message and exit code 1.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await error.WriteLineAsync("error: " + TerminalText.Safe(verbose ? ex.ToString() : DescribeFailure(ex))).ConfigureAwait(false);
            return ExitCodes.RuntimeFailure;
        }
    }

    private static string DescribeFailure(Exception ex)
    {
        var messages = new List<string>();
        for (var current = ex; current is not null; current = current.InnerException)
        {
            if (!messages.Contains(current.Message))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(" ← ", messages) + " (--verbose shows the stack trace)";
    }

    private static IHost BuildHost(PluginCatalog catalog, bool verbose)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, ContentRootPath = Environment.CurrentDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSingleton(catalog);
        builder.Services.AddSingleton(TimeProvider.System);
        foreach (var plugin in catalog.Plugins)
        {
            builder.Services.AddKeyedSingleton(plugin.Entry.Id, plugin.Entry);
        }

        return builder.Build();
    }
}
