namespace PetriDish.Dashboard.Catalog;

/// <summary>What a folder under the dashboard's roots holds.</summary>
internal enum ItemKind
{
    /// <summary>A search's run folder (<c>results.sqlite</c>).</summary>
    Run,

    /// <summary>A surrogate comparison's output (<c>compare.json</c>).</summary>
    Comparison,

    /// <summary>A benchmark's folder (<c>benchmark.plan.json</c>, or <c>benchmark.json</c> alone).</summary>
    Benchmark,
}
