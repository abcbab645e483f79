using PetriDish.Abstractions;

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

    protected override IEnumerable<SettingsError> Validate(ExpressionSettings settings, PluginValidationContext context) =>
        settings.GroundTruth.Check(context.BaseDirectory);

    protected override ISearchSpace Create(ExpressionSettings settings, PluginContext context) => new ExpressionSearchSpace(settings, context);
}
