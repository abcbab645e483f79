namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

/// <summary>What became of one dish of an ensemble (see <see cref="MemberSelection"/>).</summary>
internal enum MemberOutcome
{
    /// <summary>It predicts.</summary>
    Kept,

    /// <summary>Left out: its fit did not reach <see cref="PetriDishSettings.MinimumFit"/>.</summary>
    NotFitted,

    /// <summary>Left out: it ranks random motifs of the space unlike the other dishes.</summary>
    Outvoted,
}
