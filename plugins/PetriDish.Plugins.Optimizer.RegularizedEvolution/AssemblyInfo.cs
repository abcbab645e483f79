using PetriDish.Abstractions;
using PetriDish.Plugins.Optimizer.RegularizedEvolution;

[assembly: PetriDishPlugin(typeof(RegularizedEvolutionPlugin))]
