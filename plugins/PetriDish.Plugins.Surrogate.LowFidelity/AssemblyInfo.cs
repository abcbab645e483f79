using PetriDish.Abstractions;
using PetriDish.Plugins.Surrogate.LowFidelity;

[assembly: PetriDishPlugin(typeof(LowFidelitySurrogatePlugin))]
