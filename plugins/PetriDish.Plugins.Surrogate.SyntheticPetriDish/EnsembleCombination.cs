namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>How the kept dishes' calibrated scores of a motif become one prediction.</summary>
public enum EnsembleCombination
{
    /// <summary>Their median: one dish that ranks part of the space backwards cannot move it far.</summary>
    Median,

    /// <summary>Their mean.</summary>
    Mean,
}
