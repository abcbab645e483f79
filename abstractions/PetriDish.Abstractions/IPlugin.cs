namespace PetriDish.Abstractions;

/// <summary>
/// A plugin entry: who the plugin is and what settings it takes. Implement it through
/// <see cref="SearchSpacePlugin{TSettings}"/>, <see cref="SurrogatePlugin{TSettings}"/> or
/// <see cref="OptimizerPlugin{TSettings}"/>, and declare it with <see cref="PetriDishPluginAttribute"/>.
/// </summary>
public interface IPlugin
{
    /// <summary>The id manifests name the plugin by, kebab-case (e.g. <c>petri-dish</c>).</summary>
    string Id { get; }

    /// <summary>What kind of component the plugin creates.</summary>
    PluginKind Kind { get; }

    /// <summary>The plugin's version.</summary>
    Version Version { get; }

    /// <summary>One line saying what the plugin does.</summary>
    string Description { get; }

    /// <summary>The type the manifest's <c>settings</c> object is bound to (public, with a parameterless constructor).</summary>
    Type SettingsType { get; }

    /// <summary>A JSON schema for <c>settings</c>; null lets the host derive one from <see cref="SettingsType"/> and its data annotations.</summary>
    string? SettingsSchema { get; }

    /// <summary>Checks bound settings beyond what the schema says (cross-field rules, files that must exist). Returns every problem.</summary>
    IReadOnlyList<SettingsError> Validate(object settings, PluginValidationContext context);
}
