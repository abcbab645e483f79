
namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>What the outer loss makes the dish's validation losses match.</summary>
public enum OuterTarget
{
    /// <summary>The ground-truth values, z-normalised (the paper).</summary>
    Values,

    /// <summary>
    /// The ground-truth ranks, z-normalised: only the order counts, so a few very bad motifs (a
    /// heavy-tailed metric such as perplexity) do not dominate the loss.
    /// </summary>
    Ranks,

    /// <summary>
    /// Values for the first, third, … dish of an ensemble, ranks for the others: where one kind of
    /// target fits the observations poorly (values dominated by a few extreme ones, ranks of unevenly
    /// spaced motifs), its dishes fail the hold-out and the others predict.
    /// </summary>
    Alternate,
}
