using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.RnnCell;

[assembly: PetriDishPlugin(typeof(RnnCellSearchSpacePlugin))]
