namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>Floating-point type of the dish's tensors.</summary>
public enum Precision
{
    /// <summary>Single precision: fast, the default.</summary>
    Float32,

    /// <summary>Double precision: for gradient checks and ill-conditioned spaces.</summary>
    Float64,
}
