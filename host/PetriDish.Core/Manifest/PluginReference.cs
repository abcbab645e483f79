using Newtonsoft.Json.Linq;

namespace PetriDish.Core.Manifest;

/// <summary>A plugin named in the manifest, with its (still unbound) settings.</summary>
public class PluginReference
{
    public string Plugin { get; init; } = "";

    public JObject Settings { get; init; } = [];
}
