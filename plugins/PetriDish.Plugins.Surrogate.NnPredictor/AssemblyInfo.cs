using PetriDish.Abstractions;
using PetriDish.Plugins.Surrogate.NnPredictor;

[assembly: PetriDishPlugin(typeof(NnPredictorPlugin))]
