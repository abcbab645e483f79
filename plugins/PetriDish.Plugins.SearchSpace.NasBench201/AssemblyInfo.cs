using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201;

[assembly: PetriDishPlugin(typeof(NasBench201SearchSpacePlugin))]
