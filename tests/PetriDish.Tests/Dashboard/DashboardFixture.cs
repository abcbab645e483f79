using System.Diagnostics;
using System.Text.RegularExpressions;
using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Dashboard;

/// <summary>
/// What the browser tests look at, made once: a folder with a finished search (a real <c>petridish run</c>
/// of the toy space with a screening surrogate), a comparison and a benchmark (outputs committed under
/// docs/data), a damaged store, and <c>petridish serve</c> over it as its own process; and a headless Chromium.
/// </summary>
public sealed partial class DashboardFixture : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();
    private Process? _server;

    public string Root => _temp.Path;

    public Uri Address { get; private set; } = null!;

    public HeadlessChromium Browser { get; private set; } = null!;

    /// <summary>Where the tests' screenshots go: <c>PETRIDISH_SCREENSHOTS</c> (docs/images/dashboard to refresh the README's), else a temporary folder.</summary>
    public string Screenshots { get; } = Environment.GetEnvironmentVariable("PETRIDISH_SCREENSHOTS") is { Length: > 0 } folder
        ? Path.GetFullPath(folder, RepoPaths.Root)
        : Path.Combine(Path.GetTempPath(), "petridish-tests", "dashboard-screenshots");

    public string Manifest(string name, int budget, int delayMilliseconds) => _temp.Write($"{name}.json", $$"""
        {
          "name": "{{name}}",
          "seed": 5,
          "device": "cpu",
          "searchSpace": { "plugin": "toy-space", "settings": { "size": 60, "peak": 37, "groundTruth": { "delayMilliseconds": {{delayMilliseconds}} } } },
          "surrogates": [ { "plugin": "nearest-neighbour" } ],
          "optimizer": { "plugin": "random-search" },
          "search": { "warmup": 5, "candidates": 20, "evaluationsPerIteration": 3, "surrogate": "nearest-neighbour", "budget": { "evaluations": {{budget}} } }
        }
        """);

    /// <summary>The arguments that run <paramref name="manifest"/> into runs/<paramref name="name"/> with the test plugins.</summary>
    public string[] RunArguments(string manifest, string name) =>
        ["--plugins", RepoPaths.TestPlugins, "run", manifest, "--out", Path.Combine(Root, "runs", name)];

    public async Task InitializeAsync()
    {
        var finished = await ProcessRunner.PetriDishAsync(Root, TimeSpan.FromMinutes(3), RunArguments(Manifest("toy-finished", 15, 0), "toy-finished"));
        Assert.True(finished.ExitCode == ExitCodes.Success, finished.ToString());
        TempDirectory.Copy(Path.Combine(RepoPaths.Root, "docs", "data", "plugin-authors-scaffold"), Path.Combine(Root, "comparisons", "scaffold"));
        TempDirectory.Copy(Path.Combine(RepoPaths.Root, "docs", "data", "nas-bench-nlp-benchmark"), Path.Combine(Root, "benchmarks", "nas-bench-nlp"));
        _temp.Write("runs/damaged/results.sqlite", "not a database: a store damaged on disk");

        // Three roots, named relative to the working directory as a user would: runs (0), comparisons (1), benchmarks (2).
        _server = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, "serve", "runs", "comparisons", "benchmarks", "--port", "0"], Root);
        Address = await ListeningAddress(_server);
        Browser = HeadlessChromium.Start();
    }

    public Uri Url(string path) => new(Address, path);

    public Task DisposeAsync()
    {
        Browser?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            _server.WaitForExit();
        }

        _server?.Dispose();
        _temp.Dispose();
        return Task.CompletedTask;
    }

    private static async Task<Uri> ListeningAddress(Process server)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (await server.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            if (Listening().Match(line) is { Success: true } match)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException($"petridish serve ended without saying where it listens: {await server.StandardError.ReadToEndAsync()}");
    }

    [GeneratedRegex(@"dashboard on (http://\S+)")]
    private static partial Regex Listening();
}
