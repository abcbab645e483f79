using System.Diagnostics;

namespace PetriDish.Tests.Infrastructure;

/// <summary>Runs a real process (the built <c>petridish</c>, <c>dotnet</c>) and collects its output.</summary>
public static class ProcessRunner
{
    public static async Task<CliResult> RunAsync(string fileName, IEnumerable<string> args, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        using var process = Start(fileName, args, workingDirectory, environment);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancellation.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish within {timeout}; output so far:\n{await output}\n{await error}");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    /// <summary>Runs the built <c>petridish</c> executable.</summary>
    public static Task<CliResult> PetriDishAsync(string workingDirectory, TimeSpan timeout, params string[] args) =>
        RunAsync("dotnet", [RepoPaths.HostDll, .. args], workingDirectory, timeout);

    public static Process Start(string fileName, IEnumerable<string> args, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start " + fileName);
    }
}
