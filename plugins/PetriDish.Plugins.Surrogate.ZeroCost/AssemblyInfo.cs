using PetriDish.Abstractions;
using PetriDish.Plugins.Surrogate.ZeroCost;

[assembly: PetriDishPlugin(typeof(ZeroCostSurrogatePlugin))]
