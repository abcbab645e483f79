namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>How the ground-truth network's weights are drawn (biases start at zero).</summary>
public enum WeightInitialization
{
    /// <summary>N(0, initScale²), not scaled by fan-in: the paper's sigmoid-slope setting, where large weights let a steep sigmoid saturate.</summary>
    Normal,

    /// <summary>N(0, 2 / fan-in) (He et al., 2015): the conventional initialisation under which ReLU trains as usual.</summary>
    He,
}
