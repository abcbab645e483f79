using PetriDish.Abstractions;
using PetriDish.Plugins.Optimizer.PartialEvaluation;

[assembly: PetriDishPlugin(typeof(PartialEvaluationPlugin))]
