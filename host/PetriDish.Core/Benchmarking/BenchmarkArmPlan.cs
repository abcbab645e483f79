using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Benchmarking;

/// <summary>One arm, ready to run: the manifest every one of its searches starts from (its seed set per search).</summary>
/// <param name="Name">The arm's name.</param>
/// <param name="Optimizer">The optimizer plugin's id.</param>
/// <param name="Surrogate">The screening surrogate's name; null: none.</param>
/// <param name="LowFidelityCost">A screening evaluation's cost as a fraction of a full one.</param>
/// <param name="ManifestText">The arm's manifest: the benchmark's without its <c>benchmark</c> section, with the arm's optimizer, surrogate and search settings.</param>
internal sealed record BenchmarkArmPlan(string Name, string Optimizer, string? Surrogate, double LowFidelityCost, string ManifestText)
{
    /// <summary>The manifest of the arm's search with this seed.</summary>
    public string TextFor(int seed)
    {
        var json = JObject.Parse(ManifestText);
        json["seed"] = seed;
        return json.ToString();
    }
}
