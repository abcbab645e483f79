namespace PetriDish.Dashboard.Catalog;

/// <summary>
/// One folder the dashboard shows. <see cref="Id"/> is the only thing a URL names: the root's index and
/// the folder's path relative to it, looked up in the catalog, never joined onto a file path.
/// </summary>
/// <param name="Kind">What the folder holds.</param>
/// <param name="Id">The URL form: <c>ROOT/RELATIVE/PATH</c>.</param>
/// <param name="Path">The folder's absolute path.</param>
/// <param name="Label">The folder as the user knows it: the root as given, then the relative path.</param>
/// <param name="Benchmark">For a run of a benchmark, the benchmark's id; such runs are listed on its page, not in the run list.</param>
internal sealed record DashboardItem(ItemKind Kind, string Id, string Path, string Label, string? Benchmark = null);
