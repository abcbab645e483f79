using System.Globalization;
using System.Text.Json;
using PetriDish.Tests.Infrastructure;

// Usage: PetriDish.DashboardLoad URL SERVER_PID REPEATS RUN_ID (the load measurement; RUN_ID is opened first)
//        PetriDish.DashboardLoad URL SERVER_PID live RUN_ID    (a running search's page, 30 s)
// Opens the run list, then every run's page, REPEATS times each in a fresh tab of one headless Chromium,
// (one run page first, before the list), and prints, per page kind, how long the page took from the navigation's start to its first full
// drawing (the page's own performance.now() at that moment): the first visit (the server reads the
// stores) and the later ones (the server reuses what it read while the stores are unchanged); then the
// server's resident memory (VmRSS) and its peak (VmHWM) from /proc.
var address = new Uri(args[0]);
var serverPid = int.Parse(args[1], CultureInfo.InvariantCulture);
var liveRun = args[2] == "live" ? args[3] : null;
var repeats = liveRun is null ? int.Parse(args[2], CultureInfo.InvariantCulture) : 0;
var timeout = TimeSpan.FromSeconds(60);

using var browser = HeadlessChromium.Start();
using var http = new HttpClient { BaseAddress = address };

double Draw(string path)
{
    browser.Driver.Navigate().GoToUrl("about:blank");
    browser.Open(new Uri(address, path));
    browser.WaitUntil(() => browser.All("main[data-rendered-ms]").Count > 0, timeout, $"{path} drawn");
    return double.Parse(browser.All("main").First().GetAttribute("data-rendered-ms")!, CultureInfo.InvariantCulture);
}

void Report(string what, List<double> first, List<double> later)
{
    static string Stats(List<double> ms) => ms.Count == 0 ? "–" : string.Create(CultureInfo.InvariantCulture, $"median {Median(ms):F0} ms, max {ms.Max():F0} ms (n={ms.Count})");
    Console.WriteLine($"{what}: first visit {Stats(first)}; later visits {Stats(later)}");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
}

string RunPath(string id) => "/runs/" + string.Join('/', id.Split('/').Select(Uri.EscapeDataString));

// One run page before anything else: the server reads that store for the first time.
if (liveRun is null)
{
    // Nothing has asked the server anything yet: the first run page and the first list read the stores.
    var first = Draw(RunPath(args[3]));
    var listFirst = new List<double> { Draw("/") }; // Reads the other stores for the first time.
    var items = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api/items", UriKind.Relative)));
    var runs = items.RootElement.GetProperty("runs").EnumerateArray().Select(r => (Id: r.GetProperty("id").GetString()!, Evaluations: r.GetProperty("evaluations").GetInt32())).ToList();
    Console.WriteLine($"dashboard-load: {runs.Count} runs, {runs.Sum(r => r.Evaluations)} evaluations in all, served from {address}");
    var listLater = Enumerable.Range(0, repeats).Select(_ => Draw("/")).ToList();
    Report("run list", listFirst, listLater);
    // A run page reads its store's evaluations, curve and surrogate quality the first time it is asked
    // for (the list reads only what it shows): each run's first visit is counted as a first visit.
    var runFirst = new List<double> { first };
    var runLater = new List<double>();
    foreach (var run in runs)
    {
        var visits = Enumerable.Range(0, repeats).Select(_ => Draw(RunPath(run.Id))).ToList();
        (run.Id == args[3] ? runLater : runFirst).Add(visits[0]);
        runLater.AddRange(visits.Skip(1));
    }

    Report("run page (1,000 evaluations)", runFirst, runLater);
}

// Live: a search running beside the server is watched on its page; for every drawing that shows new
// evaluations, how long after the first of them was stored it was drawn.
if (liveRun is not null)
{
    Console.WriteLine($"dashboard-load: watching {liveRun} for 30 s");
    var live = RunPath(liveRun);
    browser.Driver.Navigate().GoToUrl("about:blank");
    browser.Open(new Uri(address, live));
    var draws = new List<(int Count, long DrawnAt)>();
    var watch = System.Diagnostics.Stopwatch.StartNew();
    while (watch.Elapsed < TimeSpan.FromSeconds(30))
    {
        var main = browser.All("main[data-drawn-at-epoch-ms]").FirstOrDefault();
        if (main is not null)
        {
            var draw = (int.Parse(main.GetAttribute("data-evaluations")!, CultureInfo.InvariantCulture), long.Parse(main.GetAttribute("data-drawn-at-epoch-ms")!, CultureInfo.InvariantCulture));
            if (draws.Count == 0 || draws[^1] != draw)
            {
                draws.Add(draw);
            }
        }

        Thread.Sleep(50);
    }

    var stored = JsonDocument.Parse(await http.GetStringAsync(new Uri("/api" + live, UriKind.Relative))).RootElement.GetProperty("evaluations").EnumerateArray()
        .Select(e => DateTimeOffset.Parse(e.GetProperty("finishedAt").GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds()).ToList();
    var lags = draws.Zip(draws.Skip(1)).Where(p => p.Second.Count > p.First.Count && p.First.Count < stored.Count)
        .Select(p => (double)(p.Second.DrawnAt - stored[p.First.Count])).ToList();
    Console.WriteLine(lags.Count == 0
        ? "live: no new evaluation was drawn in 30 s"
        : string.Create(CultureInfo.InvariantCulture, $"live: {lags.Count} drawings with new evaluations in 30 s; from the first new one's storing to its drawing: median {Median(lags):F0} ms, max {lags.Max():F0} ms"));
}

var status = File.ReadAllLines($"/proc/{serverPid}/status");
string Memory(string key) => status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim();
Console.WriteLine($"server memory: VmRSS {Memory("VmRSS")}, peak VmHWM {Memory("VmHWM")}");
