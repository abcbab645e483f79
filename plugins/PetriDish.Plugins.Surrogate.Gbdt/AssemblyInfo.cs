using PetriDish.Abstractions;
using PetriDish.Plugins.Surrogate.Gbdt;

[assembly: PetriDishPlugin(typeof(GbdtSurrogatePlugin))]
