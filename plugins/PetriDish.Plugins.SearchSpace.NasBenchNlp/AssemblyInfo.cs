using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp;

[assembly: PetriDishPlugin(typeof(NasBenchNlpSearchSpacePlugin))]
