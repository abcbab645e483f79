namespace PetriDish.Dashboard.Catalog;

/// <summary>
/// The runs, comparisons and benchmarks found under the folders the dashboard was given. Only folders
/// found by walking down from those roots exist for the server: a URL names an item by its id, and an id
/// that is not in the catalog (one with <c>..</c>, an absolute path, a folder elsewhere) is not found.
/// Symbolic links to directories are not followed, so nothing outside the roots is reached through them.
/// </summary>
internal sealed class FolderCatalog
{
    private const int MostDepth = 8;
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    private readonly IReadOnlyList<(string Given, string Full)> _roots;
    private readonly Lock _gate = new();
    private IReadOnlyDictionary<string, DashboardItem> _items = new Dictionary<string, DashboardItem>();
    private DateTime _scannedAt = DateTime.MinValue;

    public FolderCatalog(IEnumerable<string> roots)
    {
        ArgumentNullException.ThrowIfNull(roots);
        _roots = [.. roots.Select(r => (r, Path.GetFullPath(r)))];
    }

    /// <summary>The roots as given, each with whether it exists.</summary>
    public IEnumerable<(string Given, bool Exists)> Roots => _roots.Select(r => (r.Given, Directory.Exists(r.Full)));

    /// <summary>Every item, rescanned when the last scan is older than a second (new runs appear without a restart).</summary>
    public IReadOnlyCollection<DashboardItem> Items => Current().Values.ToList();

    /// <summary>The item of <paramref name="kind"/> with <paramref name="id"/>, or null.</summary>
    public DashboardItem? Find(ItemKind kind, string id) =>
        Current().TryGetValue(id, out var item) && item.Kind == kind ? item : null;

    private IReadOnlyDictionary<string, DashboardItem> Current()
    {
        lock (_gate)
        {
            if (DateTime.UtcNow - _scannedAt > Freshness)
            {
                _items = Scan();
                _scannedAt = DateTime.UtcNow;
            }

            return _items;
        }
    }

    private Dictionary<string, DashboardItem> Scan()
    {
        var items = new Dictionary<string, DashboardItem>(StringComparer.Ordinal);
        for (var index = 0; index < _roots.Count; index++)
        {
            var (given, full) = _roots[index];
            if (Directory.Exists(full))
            {
                Walk(index, given, full, full, 0, null, items);
            }
        }

        return items;
    }

    private static void Walk(int root, string given, string rootPath, string folder, int depth, string? benchmark, Dictionary<string, DashboardItem> items)
    {
        var relative = Path.GetRelativePath(rootPath, folder).Replace(Path.DirectorySeparatorChar, '/');
        var id = relative == "." ? root.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{root}/{relative}";
        var label = relative == "." ? given : $"{given.TrimEnd('/', Path.DirectorySeparatorChar)}/{relative}";
        if (File.Exists(Path.Combine(folder, "results.sqlite")))
        {
            items[id] = new DashboardItem(ItemKind.Run, id, folder, label, benchmark);
            return; // A run folder holds nothing else to show (its jobs/ are the run's own).
        }

        if (benchmark is null && (File.Exists(Path.Combine(folder, "benchmark.plan.json")) || File.Exists(Path.Combine(folder, "benchmark.json"))))
        {
            items[id] = new DashboardItem(ItemKind.Benchmark, id, folder, label);
            var runs = Path.Combine(folder, "runs");
            if (Directory.Exists(runs))
            {
                Walk(root, given, rootPath, runs, depth + 1, id, items);
            }

            return;
        }

        if (File.Exists(Path.Combine(folder, "compare.json")))
        {
            items[id] = new DashboardItem(ItemKind.Comparison, id, folder, label);
            return;
        }

        if (depth >= MostDepth)
        {
            return;
        }

        IEnumerable<string> children;
        try
        {
            children = Directory.EnumerateDirectories(folder).Order(StringComparer.Ordinal).ToList();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            return; // Unreadable (or gone since): nothing there to show.
        }

        foreach (var child in children)
        {
            var info = new DirectoryInfo(child);
            if (info.LinkTarget is not null || info.Name.StartsWith('.'))
            {
                continue;
            }

            Walk(root, given, rootPath, child, depth + 1, benchmark, items);
        }
    }
}
