using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;

[assembly: PetriDishPlugin(typeof(ActivationSearchSpacePlugin))]
