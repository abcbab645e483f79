using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The <c>activation</c> search-space plugin.</summary>
public sealed class ActivationSearchSpacePlugin : SearchSpacePlugin<ActivationSettings>
{
    public override string Id => "activation";

    public override string Description => "one-parameter activation functions (sigmoid slope, swish β, leaky-ReLU slope) with an MNIST MLP ground truth";

    protected override IEnumerable<SettingsError> Validate(ActivationSettings settings, PluginValidationContext context)
    {
        if (settings.Range is { Count: 2 } range)
        {
            if (!(range[0] < range[1]))
            {
                yield return new SettingsError("range", string.Create(CultureInfo.InvariantCulture, $"the minimum {range[0]} must be below the maximum {range[1]}"));
            }
            else if (settings.Family == ActivationFamily.SigmoidSlope && range[0] <= 0)
            {
                yield return new SettingsError("range[0]", "a sigmoid slope must be positive");
            }
        }

        foreach (var error in settings.GroundTruth.Check(context.BaseDirectory))
        {
            yield return error;
        }
    }

    protected override ISearchSpace Create(ActivationSettings settings, PluginContext context) => new ActivationSearchSpace(settings, context);
}
