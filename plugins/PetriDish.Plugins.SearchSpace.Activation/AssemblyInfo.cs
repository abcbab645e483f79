using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.SearchSpace.Activation.Expressions;

[assembly: PetriDishPlugin(typeof(ActivationSearchSpacePlugin))]
[assembly: PetriDishPlugin(typeof(ExpressionSearchSpacePlugin))]
