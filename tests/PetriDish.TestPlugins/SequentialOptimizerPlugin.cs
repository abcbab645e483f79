using PetriDish.Abstractions;

namespace PetriDish.TestPlugins;

public sealed class SequentialOptimizerPlugin : OptimizerPlugin<SequentialOptimizerSettings>
{
    public override string Id => "sequential";

    public override string Description => "proposes the motifs of a one-parameter space in order (test plugin)";

    protected override IEnumerable<SettingsError> Validate(SequentialOptimizerSettings settings, PluginValidationContext context)
    {
        if (context.SearchSpace is { Axis: null })
        {
            yield return new SettingsError("", "needs a one-parameter search space (one with an axis)");
        }
    }

    protected override IOptimizer Create(SequentialOptimizerSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new SequentialOptimizer(searchSpace, settings);
}

public sealed class SequentialOptimizerSettings
{
    public double Step { get; init; } = 1;

    /// <summary>Keys proposed verbatim before anything else (invalid ones test the host's checks).</summary>
    public IReadOnlyList<string> Inject { get; init; } = [];
}
