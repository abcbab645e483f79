namespace PetriDish.Plugins.Surrogate.NnPredictor;

/// <summary>The predictor's hidden activation.</summary>
public enum HiddenActivation
{
    Relu,
    Tanh,
    Sigmoid,
}
