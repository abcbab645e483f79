using System.Net;
using PetriDish.Cli;
using PetriDish.Dashboard;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Dashboard;

/// <summary>The dashboard's server without a browser: what it refuses to start with, what it never touches, what it finds.</summary>
public sealed class DashboardServerTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    [Theory]
    [InlineData("--host", "example.org", "--host 'example.org' is not an IP address")]
    [InlineData("--port", "70000", "--port 70000 is not a port")]
    public async Task Serve_refuses_a_bad_address_before_listening(string option, string value, string expected)
    {
        var result = await InProcessCli.RunAsync("serve", _temp.Path, option, value);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_says_which_port_is_taken_and_how_to_choose_another()
    {
        await using var first = await DashboardServer.StartAsync(new DashboardOptions { Folders = [_temp.Path], Port = 0 }, CancellationToken.None);

        var result = await InProcessCli.RunAsync("serve", _temp.Path, "--port", first.Address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"cannot listen on 127.0.0.1:{first.Address.Port}", result.Error, StringComparison.Ordinal);
        Assert.Contains("--port 0", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serving_changes_no_file_of_the_served_folders_and_finds_runs_started_after_it()
    {
        var manifest = _temp.Write("toy.json", """
            {
              "name": "toy", "seed": 2, "device": "cpu",
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 30, "peak": 11 } },
              "optimizer": { "plugin": "random-search" },
              "search": { "warmup": 4, "budget": { "evaluations": 6 } }
            }
            """);
        var served = Path.Combine(_temp.Path, "served");
        Directory.CreateDirectory(served);
        await using var server = await DashboardServer.StartAsync(new DashboardOptions { Folders = [served], Port = 0 }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };
        Assert.DoesNotContain("\"id\":\"0/toy\"", await http.GetStringAsync(new Uri("/api/items", UriKind.Relative)), StringComparison.Ordinal);

        var run = await InProcessCli.RunAsync("--plugins", RepoPaths.HostPlugins, "--plugins", RepoPaths.TestPlugins, "run", manifest, "--out", Path.Combine(served, "toy"));
        Assert.True(run.ExitCode == ExitCodes.Success, run.ToString());
        var before = Files(served);

        await Task.Delay(TimeSpan.FromSeconds(1.1)); // The catalog rescans at most once a second.
        Assert.Contains("\"id\":\"0/toy\"", await http.GetStringAsync(new Uri("/api/items", UriKind.Relative)), StringComparison.Ordinal);
        var page = await http.GetStringAsync(new Uri("/api/runs/0/toy", UriKind.Relative));
        Assert.Contains("\"state\":\"finished\"", page, StringComparison.Ordinal);
        Assert.Contains("\"goal\":\"maximize\",\"goalKnown\":true", page, StringComparison.Ordinal);

        Assert.Equal(before, Files(served));
    }

    [Fact]
    public async Task A_symbolic_link_out_of_the_served_folder_is_not_followed()
    {
        var outside = Path.Combine(_temp.Path, "outside");
        TempDirectory.Copy(Path.Combine(RepoPaths.Root, "docs", "data", "plugin-authors-scaffold"), Path.Combine(outside, "secret-comparison"));
        var served = Path.Combine(_temp.Path, "served");
        Directory.CreateDirectory(served);
        Directory.CreateSymbolicLink(Path.Combine(served, "link"), outside);
        TempDirectory.Copy(Path.Combine(RepoPaths.Root, "docs", "data", "plugin-authors-scaffold"), Path.Combine(served, "own-comparison"));
        await using var server = await DashboardServer.StartAsync(new DashboardOptions { Folders = [served], Port = 0 }, CancellationToken.None);
        using var http = new HttpClient { BaseAddress = server.Address };

        var items = await http.GetStringAsync(new Uri("/api/items", UriKind.Relative));

        Assert.Contains("own-comparison", items, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-comparison", items, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/comparisons/0/link/secret-comparison", UriKind.Relative))).StatusCode);
    }

    public void Dispose() => _temp.Dispose();

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}")];
}
