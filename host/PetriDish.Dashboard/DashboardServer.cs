using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PetriDish.Dashboard.Assets;
using PetriDish.Dashboard.Catalog;
using PetriDish.Dashboard.Views;

namespace PetriDish.Dashboard;

/// <summary>
/// The dashboard of <c>petridish serve</c>: a read-only web server over run folders, comparisons and
/// benchmarks. Pages are the embedded shell filled by the embedded script from the JSON endpoints under
/// <c>/api/</c>; a running search's page polls its endpoint every second.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>Where the dashboard listens (the port taken when <see cref="DashboardOptions.Port"/> was 0).</summary>
    public Uri Address { get; }

    /// <summary>Starts listening; throws <see cref="ArgumentException"/> listing what is wrong with <paramref name="options"/>.</summary>
    public static async Task<DashboardServer> StartAsync(DashboardOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problems() is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join("; ", problems), nameof(options));
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        var host = options.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Host);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(host, options.Port));
        builder.Services.AddSingleton(new FolderCatalog(options.Folders));
        var app = builder.Build();
        Map(app);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, new Uri(bound.Replace("[::]", "localhost", StringComparison.Ordinal)));
    }

    /// <summary>Stops listening.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => _app.StopAsync(cancellationToken);

    public async ValueTask DisposeAsync() => await _app.DisposeAsync().ConfigureAwait(false);

    private static void Map(WebApplication app)
    {
        var catalog = app.Services.GetRequiredService<FolderCatalog>();
        var runs = new RunReader();
        var comparisons = new ComparisonReader();
        var benchmarks = new BenchmarkReader(runs);

        // One folder that cannot be read must not take the others down: a failure is this request's
        // 500 with its reason, and the server goes on.
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The server's last line of defence for one request.
            catch (Exception ex) when (!context.Response.HasStarted)
#pragma warning restore CA1031
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync($"500: {ex.GetType().Name}: {ex.Message}", context.RequestAborted).ConfigureAwait(false);
            }
        });

        app.MapGet("/", () => Page("list", "PetriDish runs", "/api/items"));
        app.MapGet("/runs/{**id}", (string id) => catalog.Find(ItemKind.Run, id) is { } item ? Page("run", $"run {item.Label}", $"/api/runs/{UrlPath(item.Id)}") : NotFound());
        app.MapGet("/comparisons/{**id}", (string id) => catalog.Find(ItemKind.Comparison, id) is { } item ? Page("comparison", $"comparison {item.Label}", $"/api/comparisons/{UrlPath(item.Id)}") : NotFound());
        app.MapGet("/benchmarks/{**id}", (string id) => catalog.Find(ItemKind.Benchmark, id) is { } item ? Page("benchmark", $"benchmark {item.Label}", $"/api/benchmarks/{UrlPath(item.Id)}") : NotFound());

        app.MapGet("/api/items", () =>
        {
            var items = catalog.Items;
            return Results.Json(new
            {
                roots = catalog.Roots.Select(r => new { folder = r.Given, exists = r.Exists }).ToList(),
                runs = items.Where(i => i.Kind == ItemKind.Run && i.Benchmark is null).OrderBy(i => i.Label, StringComparer.Ordinal).Select(runs.Overview).ToList(),
                comparisons = items.Where(i => i.Kind == ItemKind.Comparison).OrderBy(i => i.Label, StringComparer.Ordinal).Select(comparisons.Summary).ToList(),
                benchmarks = items.Where(i => i.Kind == ItemKind.Benchmark).OrderBy(i => i.Label, StringComparer.Ordinal)
                    .Select(i => benchmarks.Summary(i, RunsOf(items, i))).ToList(),
            });
        });
        app.MapGet("/api/runs/{**id}", (string id) => catalog.Find(ItemKind.Run, id) is { } item ? Results.Json(runs.Detail(item)) : NotFound());
        app.MapGet("/api/comparisons/{**id}", (string id) => catalog.Find(ItemKind.Comparison, id) is { } item ? Results.Json(comparisons.Detail(item)) : NotFound());
        app.MapGet("/api/benchmarks/{**id}", (string id) => catalog.Find(ItemKind.Benchmark, id) is { } item ? Results.Json(benchmarks.Detail(item, RunsOf(catalog.Items, item))) : NotFound());

        app.MapGet("/assets/{name}", (string name) => EmbeddedAssets.Find(name) is { } asset && name != "page.html" ? Results.Bytes(asset.Content, asset.Type) : NotFound());
        app.MapFallback(() => NotFound());
    }

    private static IEnumerable<DashboardItem> RunsOf(IEnumerable<DashboardItem> items, DashboardItem benchmark) =>
        items.Where(i => i.Kind == ItemKind.Run && i.Benchmark == benchmark.Id);

    private static IResult Page(string kind, string title, string api) => Results.Content(
        EmbeddedAssets.Shell
            .Replace("{{title}}", WebUtility.HtmlEncode(title), StringComparison.Ordinal)
            .Replace("{{page}}", kind, StringComparison.Ordinal)
            .Replace("{{api}}", WebUtility.HtmlEncode(api), StringComparison.Ordinal),
        "text/html; charset=utf-8");

    /// <summary>An id as a URL path: each segment escaped, the slashes kept.</summary>
    private static string UrlPath(string id) => string.Join('/', id.Split('/').Select(Uri.EscapeDataString));

    private static IResult NotFound() => Results.Text("404: not found. The dashboard serves only the runs, comparisons and benchmarks under the folders it was given.", "text/plain; charset=utf-8", statusCode: StatusCodes.Status404NotFound);
}
