using PetriDish.Abstractions;
using PetriDish.Plugins.Optimizer.Nao;

[assembly: PetriDishPlugin(typeof(NaoPlugin))]
