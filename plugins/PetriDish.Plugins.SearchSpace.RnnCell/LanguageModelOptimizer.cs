namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>The language model's optimizer.</summary>
public enum LanguageModelOptimizer
{
    Adam,
    Sgd,
}
