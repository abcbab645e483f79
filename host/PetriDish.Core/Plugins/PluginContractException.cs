namespace PetriDish.Core.Plugins;

/// <summary>
/// A plugin broke a rule of the contracts at run time, found where its output reached another part:
/// the message names the plugin at fault and the rule, not the part that tripped over it.
/// </summary>
public sealed class PluginContractException : InvalidOperationException
{
    /// <summary>Creates the exception for plugin <paramref name="pluginId"/> breaking <paramref name="rule"/>.</summary>
    public PluginContractException(string pluginId, string rule, string message, Exception? innerException = null)
        : base($"search space '{pluginId}' breaks the rule {rule}: {message} (petridish check on its plugin folder tests every rule)", innerException)
    {
        PluginId = pluginId;
        Rule = rule;
    }

    /// <summary>The id of the plugin at fault.</summary>
    public string PluginId { get; }

    /// <summary>The rule broken (a name of <c>PetriDish.Sdk.Conformance.ConformanceRules</c>).</summary>
    public string Rule { get; }
}
