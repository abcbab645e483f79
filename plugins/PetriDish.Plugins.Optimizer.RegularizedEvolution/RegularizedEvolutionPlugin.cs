using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Optimizer.RegularizedEvolution;

/// <summary>The <c>regularized-evolution</c> optimizer plugin.</summary>
public sealed class RegularizedEvolutionPlugin : OptimizerPlugin<RegularizedEvolutionSettings>
{
    public override string Id => "regularized-evolution";

    public override string Description => "regularized evolution (Real et al. 2019): mutates the best of a random sample of an ageing population";

    protected override IOptimizer Create(RegularizedEvolutionSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new RegularizedEvolution(searchSpace, settings, Seeds.Derive(context.Seed, "regularized-evolution"));
}
