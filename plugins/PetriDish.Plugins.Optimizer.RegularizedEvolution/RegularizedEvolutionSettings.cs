using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Optimizer.RegularizedEvolution;

/// <summary>Settings of regularized evolution; the defaults are NASLib's for NAS-Bench-201 (P = 10, S = 3).</summary>
public sealed class RegularizedEvolutionSettings
{
    [Description("Population size P: the newest P observed motifs; each new observation retires the oldest (ageing, the 'regularized' of the name). Until P motifs are observed, every observation joins.")]
    [Range(2, 100000)]
    public int Population { get; init; } = 10;

    [Description("Tournament size S: each child's parent is the best of S members drawn from the population without replacement (at most the population's size).")]
    [Range(1, 100000)]
    public int SampleSize { get; init; } = 3;

    [Description("Draws of a child (a mutation of a fresh tournament's winner) before a proposal gives up on finding a motif not yet known, and takes a random sample instead.")]
    [Range(1, 100000)]
    public int MutationAttempts { get; init; } = 100;
}
