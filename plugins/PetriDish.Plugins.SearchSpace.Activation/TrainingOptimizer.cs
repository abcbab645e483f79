namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The ground-truth network's optimizer.</summary>
public enum TrainingOptimizer
{
    Adam,
    Sgd,
}
