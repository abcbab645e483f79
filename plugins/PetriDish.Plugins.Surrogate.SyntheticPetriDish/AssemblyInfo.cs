using PetriDish.Abstractions;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;

[assembly: PetriDishPlugin(typeof(PetriDishSurrogatePlugin))]
