using PetriDish.Abstractions;
using PetriDish.Plugins.Surrogate.Linear;

[assembly: PetriDishPlugin(typeof(LinearSurrogatePlugin))]
