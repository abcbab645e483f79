using PetriDish.Abstractions;

namespace PetriDish.TestPlugins;

public sealed class NearestNeighbourSurrogatePlugin : SurrogatePlugin<NearestNeighbourSettings>
{
    public override string Id => "nearest-neighbour";

    public override string Description => "scores a motif by its nearest observed neighbour's encoding (test plugin)";

    protected override ISurrogate Create(NearestNeighbourSettings settings, ISearchSpace searchSpace, PluginContext context) =>
        new NearestNeighbourSurrogate(searchSpace);
}

public sealed class NearestNeighbourSettings
{
}
