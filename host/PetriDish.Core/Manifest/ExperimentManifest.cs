using Newtonsoft.Json;

namespace PetriDish.Core.Manifest;

/// <summary>An experiment manifest as bound from JSON (see <c>plugin-manifest.schema.json</c>).</summary>
public sealed class ExperimentManifest
{
    /// <summary>The schema reference editors use for completion; ignored otherwise.</summary>
    [JsonProperty("$schema")]
    public string? Schema { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }

    public int Seed { get; init; }

    /// <summary>
    /// Seed of every full ground-truth evaluation, kept apart from <see cref="Seed"/> so that the ground
    /// truth stays one fixed function of the motif while searches are repeated over seeds.
    /// </summary>
    public int GroundTruthSeed { get; init; }

    public string Device { get; init; } = "auto";

    public int Threads { get; init; } = 1;

    public IReadOnlyList<string> PluginPaths { get; init; } = [];

    public PluginReference SearchSpace { get; init; } = new();

    public IReadOnlyList<SurrogateReference> Surrogates { get; init; } = [];

    public PluginReference? Optimizer { get; init; }

    public SearchOptions Search { get; init; } = new();

    public CompareOptions Compare { get; init; } = new();

    public ExecutorReference Executor { get; init; } = new();

    /// <summary>The arms <c>petridish benchmark</c> compares; null when the manifest has none.</summary>
    public BenchmarkOptions? Benchmark { get; init; }
}
