using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Manifest;

/// <summary>Where ground-truth evaluations run.</summary>
public sealed class ExecutorReference
{
    public string Kind { get; init; } = "local";

    public JObject Settings { get; init; } = [];
}
