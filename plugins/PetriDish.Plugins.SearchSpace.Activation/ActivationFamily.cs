namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The one-parameter activation families; the parameter is the motif.</summary>
public enum ActivationFamily
{
    /// <summary>σ(c·x): the paper's sigmoid with slope c.</summary>
    SigmoidSlope,

    /// <summary>x·σ(β·x): swish with a learnable-style β fixed per motif.</summary>
    SwishBeta,

    /// <summary>max(x, a·x): leaky ReLU with negative slope a.</summary>
    LeakyReluSlope,
}
