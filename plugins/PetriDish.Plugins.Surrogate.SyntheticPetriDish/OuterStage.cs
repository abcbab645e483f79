using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>One block of the outer (meta) optimisation: a fresh Adam for this many steps at this learning rate.</summary>
public sealed class OuterStage
{
    [Range(0, 100000)]
    public int Steps { get; init; }

    [Range(1e-8, 100.0)]
    public double LearningRate { get; init; }
}
