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
/// Runs a command's action inside the generic host that composes the loaded plugins (and, for the
/// process, carries its signals to the work), and turns its outcome into an exit code: 0 success,
/// 1 runtime failure, 2 usage or validation error, 128 + the signal's number when a signal stopped it
/// (130 for Ctrl-C and for a cancelled in-process call, 143 SIGTERM, 129 SIGHUP).
/// </summary>
/// <param name="output">Results.</param>
/// <param name="error">Errors, warnings and progress.</param>
/// <param name="interactive">Whether progress may be drawn in place.</param>
/// <param name="handleSignals">True for the petridish process; false in-process, where the caller's token stops the work.</param>
internal sealed class CommandRunner(TextWriter output, TextWriter error, bool interactive, bool handleSignals = false)
{
    private readonly Dictionary<string, ManifestSource> _manifests = [];

    /// <summary>
    /// The manifest file at <paramref name="path"/>, read and parsed once per command: its plugin folders
    /// are read before the plugins load, and its validation reads the same parse.
    /// </summary>
    public ManifestSource Manifest(string path)
    {
        var full = Path.GetFullPath(path);
        if (!_manifests.TryGetValue(full, out var source))
        {
            source = ManifestSource.Read(full);
            _manifests[full] = source;
        }

        return source;
    }

    /// <summary>Runs <paramref name="action"/> with the plugins of the host, of --plugins and of the manifest's pluginPaths.</summary>
    public Task<int> RunAsync(ParseResult parse, string? manifestPath, Func<CommandContext, CancellationToken, Task<int>> action, CancellationToken cancellationToken) =>
        RunAsync(parse, () => manifestPath is null ? [] : Manifest(manifestPath).PluginPaths(), action, cancellationToken);

    /// <summary>Runs <paramref name="action"/>; <paramref name="extraPluginFolders"/> runs inside the error handling.</summary>
    public async Task<int> RunAsync(
        ParseResult parse,
        Func<IReadOnlyList<string>> extraPluginFolders,
        Func<CommandContext, CancellationToken, Task<int>> action,
        CancellationToken cancellationToken)
    {
        var verbose = parse.GetValue(GlobalOptions.Verbose);
        ProcessSignalLifetime? lifetime = null;
        try
        {
            IReadOnlyList<string> folders =
            [
                .. Directory.Exists(PluginCatalogLoader.DefaultFolder) ? [PluginCatalogLoader.DefaultFolder] : Array.Empty<string>(),
                .. (parse.GetValue(GlobalOptions.Plugins) ?? []).Select(Path.GetFullPath),
                .. extraPluginFolders(),
            ];
            var catalog = PluginCatalogLoader.Load(folders);
            using var host = BuildHost(catalog, verbose, handleSignals);
            lifetime = (ProcessSignalLifetime)host.Services.GetRequiredService<IHostLifetime>();
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping);
            var context = new CommandContext
            {
                Catalog = host.Services.GetRequiredService<PluginCatalog>(),
                LoggerFactory = host.Services.GetRequiredService<ILoggerFactory>(),
                ManifestLoader = host.Services.GetRequiredService<ManifestLoader>(),
                Manifests = this,
                Out = output,
                Error = error,
                Interactive = interactive,
                Verbose = verbose,
                PluginFolders = [.. folders.Where(f => f != PluginCatalogLoader.DefaultFolder).Distinct()],
            };
            try
            {
                return await action(context, stop.Token).ConfigureAwait(false);
            }
            finally
            {
                await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }
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
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested || lifetime?.ReceivedSignal > 0)
        {
            await error.WriteLineAsync("interrupted; finished work is stored.").ConfigureAwait(false);
            return lifetime?.ReceivedSignal is > 0 and var signal ? 128 + signal : ExitCodes.Interrupted;
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
            // A wrapper often repeats its cause's text inside its own: say each thing once.
            if (!messages.Any(m => m.Contains(current.Message, StringComparison.Ordinal)))
            {
                messages.Add(current.Message);
            }
        }

        return string.Join(" ← ", messages) + " (--verbose shows the stack trace)";
    }

    /// <summary>The command's host: logging to stderr, the plugins composed by <see cref="PetriDishServiceCollectionExtensions.AddPetriDish"/>, the signal lifetime.</summary>
    internal static IHost BuildHost(PluginCatalog catalog, bool verbose, bool handleSignals) =>
        CreateHostBuilder(catalog, verbose, handleSignals).Build();

    /// <summary>The command's host before it is built (its services, for the test that every registration resolves).</summary>
    internal static HostApplicationBuilder CreateHostBuilder(PluginCatalog catalog, bool verbose, bool handleSignals)
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
        builder.Services.AddPetriDish(catalog);
        builder.Services.AddSingleton<IHostLifetime>(services => new ProcessSignalLifetime(services.GetRequiredService<IHostApplicationLifetime>(), handleSignals));
        return builder;
    }
}
