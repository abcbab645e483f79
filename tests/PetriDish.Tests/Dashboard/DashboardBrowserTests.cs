using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PetriDish.Tests.Dashboard;

/// <summary>
/// <c>petridish serve</c> in a real headless Chromium: the run list, a running search's live page, a
/// comparison, a benchmark, a damaged store and URLs that try to leave the served folders. Each test
/// saves a screenshot of the page it checked (the README's, when PETRIDISH_SCREENSHOTS names docs/images/dashboard).
/// </summary>
[Trait("Category", "Browser")]
public sealed class DashboardBrowserTests(DashboardFixture dashboard, ITestOutputHelper output) : IClassFixture<DashboardFixture>
{
    private static readonly TimeSpan PageLoad = TimeSpan.FromSeconds(20);

    private HeadlessChromium Browser => dashboard.Browser;

    [Fact]
    public async Task A_running_search_shows_in_the_list_and_its_page_follows_each_evaluation_until_it_stops()
    {
        // One evaluation every ~1.5 s: slow enough to watch the page follow each one.
        var manifest = dashboard.Manifest("toy-live", 40, 1500);
        using var search = ProcessRunner.Start("dotnet", [RepoPaths.HostDll, .. dashboard.RunArguments(manifest, "toy-live")], dashboard.Root);
        try
        {
            var store = Path.Combine(dashboard.Root, "runs", "toy-live", "results.sqlite");
            WaitFor(() => StoredEvaluations(store) >= 2, TimeSpan.FromMinutes(2), "the live search storing its first evaluations");

            Browser.Open(dashboard.Url("/"));
            Browser.WaitUntil(() => Browser.Text("#runs").Contains("toy-live", StringComparison.Ordinal), PageLoad, "the run list showing the live search");
            Browser.WaitUntil(() => State("toy-live") == "running", PageLoad, "the live search shown as running");
            Assert.Equal("finished", State("toy-finished"));
            Assert.Equal("damaged", State("damaged"));
            Browser.Screenshot(Path.Combine(dashboard.Screenshots, "run-list.png"));

            Browser.Open(dashboard.Url("/runs/0/toy-live"));
            Browser.WaitUntil(() => Browser.All("main[data-loaded]").Count > 0, PageLoad, "the live run's page");
            var rows = Browser.All("#evaluations tbody tr").Count;
            var points = Browser.All("#progress circle.point").Count;
            var storedBefore = StoredEvaluations(store);

            // The next evaluation the search stores appears as a row and as a point, without a reload.
            WaitFor(() => StoredEvaluations(store) > storedBefore, TimeSpan.FromMinutes(1), "the search storing its next evaluation");
            var stored = Stopwatch.StartNew();
            Browser.WaitUntil(() => Browser.All("#evaluations tbody tr").Count > rows && Browser.All("#progress circle.point").Count > points, TimeSpan.FromSeconds(15), "the page gaining a row and a point");
            output.WriteLine($"the page showed the new evaluation {stored.Elapsed.TotalSeconds:F2} s after the test saw it stored (the page polls every second)");
            Assert.Contains("running", Browser.Text("h1"), StringComparison.Ordinal);
            Browser.Screenshot(Path.Combine(dashboard.Screenshots, "run-live.png"));

            // Stopped by a signal mid-run: the page says it stopped, without a reload.
            search.Kill(entireProcessTree: true);
            await search.WaitForExitAsync();
            Browser.WaitUntil(() => Browser.All("#stopped").Count > 0, PageLoad, "the page saying the run stopped");
            Assert.Contains("stopped", Browser.Text("#stopped"), StringComparison.Ordinal);
            Assert.Equal(StoredEvaluations(store), Browser.All("#evaluations tbody tr").Count);
        }
        finally
        {
            if (!search.HasExited)
            {
                search.Kill(entireProcessTree: true);
            }
        }
    }

    [Fact]
    public void A_finished_run_page_shows_its_curve_evaluations_surrogate_quality_and_manifest()
    {
        Browser.Open(dashboard.Url("/runs/0/toy-finished"));
        Browser.WaitUntil(() => Browser.All("main[data-loaded]").Count > 0, PageLoad, "the finished run's page");

        var evaluations = RunFolders.Evaluations(Path.Combine(dashboard.Root, "runs", "toy-finished"));
        Assert.Equal(evaluations.Count, Browser.All("#evaluations tbody tr").Count);
        Assert.Equal(evaluations.Count(e => e.Status == EvaluationStatus.Completed), Browser.All("#progress circle.point").Count);
        Assert.Contains("finished", Browser.Text("h1"), StringComparison.Ordinal);
        // Hovering a point names its motif and value.
        var first = evaluations[0];
        Assert.Contains(Browser.All("#progress circle.point title"), t => t.GetAttribute("textContent")!.Contains(first.Motif, StringComparison.Ordinal));
        Assert.NotEmpty(Browser.All("#quality-table tbody tr"));
        Assert.Contains("\"toy-space\"", Browser.Text("pre.manifest"), StringComparison.Ordinal);
        Browser.Screenshot(Path.Combine(dashboard.Screenshots, "run.png"));
    }

    [Fact]
    public void A_comparison_page_draws_each_surrogates_predictions_against_the_ground_truth()
    {
        Browser.Open(dashboard.Url("/comparisons/1/scaffold"));
        Browser.WaitUntil(() => Browser.All("main[data-loaded]").Count > 0, PageLoad, "the comparison's page");

        var scores = File.ReadAllLines(Path.Combine(dashboard.Root, "comparisons", "scaffold", "test-scores.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var surrogates = scores.Select(s => s[0]).Distinct().ToList();
        Assert.Equal(surrogates.Count, Browser.All("#metrics tbody tr").Count);
        Assert.Equal(surrogates.Count, Browser.All("svg[id^=scatter-]").Count);
        var firstFit = scores.Count(s => s[0] == surrogates[0] && s[1] == "1");
        Assert.Equal(firstFit, Browser.All("#scatter-0 circle.point").Count);
        Browser.Screenshot(Path.Combine(dashboard.Screenshots, "comparison.png"));
    }

    [Fact]
    public void A_benchmark_page_draws_each_arms_curve_with_its_band_and_the_arms_table()
    {
        Browser.Open(dashboard.Url("/benchmarks/2/nas-bench-nlp"));
        Browser.WaitUntil(() => Browser.All("main[data-loaded]").Count > 0, PageLoad, "the benchmark's page");

        var arms = Newtonsoft.Json.Linq.JObject.Parse(File.ReadAllText(Path.Combine(dashboard.Root, "benchmarks", "nas-bench-nlp", "benchmark.json")))["arms"]!.Count();
        Assert.Equal(arms, Browser.All("#arms tbody tr").Count);
        Assert.Equal(arms, Browser.All("#curves polygon").Count); // One 95 % band per arm.
        Assert.Equal(arms, Browser.All("#curves path").Count);
        Browser.Screenshot(Path.Combine(dashboard.Screenshots, "benchmark.png"));
    }

    [Fact]
    public void A_damaged_store_shows_its_error_on_its_page_while_the_others_load()
    {
        Browser.Open(dashboard.Url("/runs/0/damaged"));
        Browser.WaitUntil(() => Browser.All("#store-error").Count > 0, PageLoad, "the damaged store's error");
        Assert.Contains("not a SQLite database", Browser.Text("#store-error"), StringComparison.Ordinal);

        Browser.Open(dashboard.Url("/runs/0/toy-finished"));
        Browser.WaitUntil(() => Browser.All("#evaluations tbody tr").Count > 0, PageLoad, "another run's page after the damaged one");
        Browser.Open(dashboard.Url("/"));
        Browser.WaitUntil(() => State("toy-finished") == "finished" && State("damaged") == "damaged", PageLoad, "the list with the damaged store beside the others");
        Assert.Equal("not a database: a store damaged on disk", File.ReadAllText(Path.Combine(dashboard.Root, "runs", "damaged", "results.sqlite"))); // Never written.
    }

    [Theory]
    [InlineData("/runs/0/../../../../etc/passwd")]
    [InlineData("/runs/0/%2e%2e/%2e%2e/%2e%2e/etc/passwd")]
    [InlineData("/api/runs/0/toy-finished/../../../../../etc/passwd")]
    [InlineData("/api/runs/..%2f..%2f..%2fetc%2fpasswd")]
    [InlineData("/assets/../runs/toy-finished/results.sqlite")]
    [InlineData("/runs/0/toy-finished/results.sqlite")]
    [InlineData("/runs//etc/passwd")]
    public async Task A_url_that_leaves_the_served_folders_is_not_found(string path)
    {
        // Sent as written: an HTTP client or a browser would resolve the dots before sending.
        Assert.Equal(404, await RawStatus(dashboard.Address, path));

        Browser.Open(dashboard.Url(path));
        Assert.Contains("404", Browser.Text("body"), StringComparison.Ordinal);
        Assert.DoesNotContain("root:", Browser.Text("body"), StringComparison.Ordinal);
    }

    private string State(string run) =>
        Browser.All("#runs tbody tr").FirstOrDefault(r => r.Text.Contains(run, StringComparison.Ordinal))?.FindElement(OpenQA.Selenium.By.CssSelector(".state")).GetAttribute("data-state") ?? "";

    private static int StoredEvaluations(string store)
    {
        if (!File.Exists(store))
        {
            return 0;
        }

        using var results = ResultsStore.OpenReadOnly(store);
        return results.Evaluations().Count;
    }

    private static void WaitFor(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not within {timeout.TotalSeconds} s");
            }

            Thread.Sleep(50);
        }
    }

    private static async Task<int> RawStatus(Uri server, string path)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(server.Host, server.Port);
        await using var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {server.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync() ?? "";
        return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
