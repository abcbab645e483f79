using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation.Data;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// The <c>activation-expression</c> search-space plugin. It lives in the activation assembly because it
/// shares that space's motif-network, MNIST ground truth and embedded data; plugins share code only
/// through the contracts, so a separate assembly would have to copy them.
/// </summary>
public sealed class ExpressionSearchSpacePlugin : SearchSpacePlugin<ExpressionSettings>
{
    public override string Id => "activation-expression";

    public override string Description => "composed activation functions b(u1(x), u2(x)) (8 binary, 24 unary operators) with an MNIST MLP ground truth";

    protected override IEnumerable<SettingsError> Validate(ExpressionSettings settings, PluginValidationContext context)
    {
        foreach (var problem in DatasetLocator.Check(settings.GroundTruth.Dataset, context.BaseDirectory))
        {
            yield return new SettingsError("groundTruth.dataset", problem);
        }

        if (settings.GroundTruth.HiddenSizes.Any(h => h < 1))
        {
            yield return new SettingsError("groundTruth.hiddenSizes", "every hidden layer needs at least one neuron");
        }
    }

    protected override ISearchSpace Create(ExpressionSettings settings, PluginContext context) => new ExpressionSearchSpace(settings, context);
}
