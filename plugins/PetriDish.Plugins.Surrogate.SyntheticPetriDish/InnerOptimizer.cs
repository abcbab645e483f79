namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>How motif-networks are trained in the dish.</summary>
public enum InnerOptimizer
{
    /// <summary>Adam, as the official implementation does.</summary>
    Adam,

    /// <summary>Plain gradient descent, as the paper's text says.</summary>
    Sgd,
}
