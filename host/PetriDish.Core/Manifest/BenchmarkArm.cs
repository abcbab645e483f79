using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Manifest;

/// <summary>One arm of a benchmark: the manifest's search with this optimizer, surrogate and search settings.</summary>
public sealed class BenchmarkArm
{
    public string Name { get; init; } = "";

    /// <summary>The arm's optimizer; null: the manifest's.</summary>
    public PluginReference? Optimizer { get; init; }

    /// <summary>The name of the surrogate that screens the proposals; null: none.</summary>
    public string? Surrogate { get; init; }

    /// <summary>Settings of <c>search</c> the arm changes.</summary>
    public JObject? Search { get; init; }

    /// <summary>The cost of one low-fidelity evaluation as a fraction of a full one.</summary>
    public double LowFidelityCost { get; init; }
}
