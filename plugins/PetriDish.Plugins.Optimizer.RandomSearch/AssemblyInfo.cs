using PetriDish.Abstractions;
using PetriDish.Plugins.Optimizer.RandomSearch;

[assembly: PetriDishPlugin(typeof(RandomSearchPlugin))]
