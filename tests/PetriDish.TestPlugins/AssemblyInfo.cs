using PetriDish.Abstractions;
using PetriDish.TestPlugins;

[assembly: PetriDishPlugin(typeof(ToySearchSpacePlugin))]
[assembly: PetriDishPlugin(typeof(NearestNeighbourSurrogatePlugin))]
[assembly: PetriDishPlugin(typeof(SequentialOptimizerPlugin))]
