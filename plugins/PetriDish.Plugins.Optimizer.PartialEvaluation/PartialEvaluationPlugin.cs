using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Optimizer.PartialEvaluation;

/// <summary>The <c>partial-evaluation</c> optimizer plugin.</summary>
public sealed class PartialEvaluationPlugin : OptimizerPlugin<PartialEvaluationSettings>
{
    public override string Id => "partial-evaluation";

    public override string Description => "random search that screens its samples with a low-fidelity ground truth (few epochs, part of the data)";

    protected override IEnumerable<SettingsError> Validate(PartialEvaluationSettings settings, PluginValidationContext context)
    {
        if (settings.ToFidelity().IsFull)
        {
            yield return new SettingsError("", "with all epochs and all data the screening would be the full ground truth; lower epochs or dataFraction");
        }
    }

    protected override IOptimizer Create(PartialEvaluationSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new PartialEvaluation(searchSpace, settings, Seeds.Derive(context.Seed, "partial-evaluation"));
}
