using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Optimizer.RandomSearch;

/// <summary>The <c>random-search</c> optimizer plugin.</summary>
public sealed class RandomSearchPlugin : OptimizerPlugin<RandomSearchSettings>
{
    public override string Id => "random-search";

    public override string Description => "samples motifs uniformly from the search space, without repeats";

    protected override IOptimizer Create(RandomSearchSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new RandomSearch(searchSpace, Seeds.Derive(context.Seed, "random-search"));
}
