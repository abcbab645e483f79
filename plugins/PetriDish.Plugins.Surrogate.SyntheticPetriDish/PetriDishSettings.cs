using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>
/// Settings of the Synthetic Petri Dish. Each dish follows the official implementation: 10 synthetic
/// samples, Adam inner loop of 250 steps at 0.01, outer Adam in three blocks (20 × 0.05, 30 × 0.02,
/// 30 × 0.008), L2 1e-5 on the synthetic inputs. By default 8 dishes are fitted side by side, each
/// holding out its own fifth of the observations; the ones that fit and agree are combined by their
/// median (docs/sigmoid-slope-surrogates.md says why: a single dish is a draw that fails now and then).
/// </summary>
public sealed class PetriDishSettings
{
    [Description("Neurons per motif-network layer; default: the search space's (1 for activations, 3 for RNN cells).")]
    [Range(1, 4096)]
    public int? Width { get; init; }

    [Description("Shape of one synthetic sample; default: the search space's ([10] for activations, [10, 10] time × input for RNN cells).")]
    public IReadOnlyList<long>? SampleShape { get; init; }

    [Description("Standard deviation of the shared initial weights θ_init; default: the search space's (1.0).")]
    [Range(1e-6, 100.0)]
    public double? InitScale { get; init; }

    [Description("Synthetic training samples (and as many validation samples).")]
    [Range(1, 100000)]
    public int Samples { get; init; } = 10;

    [Description("Inner loop: how the motif-networks are trained on the synthetic data.")]
    public InnerOptimizer InnerOptimizer { get; init; } = InnerOptimizer.Adam;

    [Range(1, 100000)]
    public int InnerSteps { get; init; } = 250;

    [Range(1e-8, 100.0)]
    public double InnerLearningRate { get; init; } = 0.01;

    [Description("Differentiate the outer loss through only the last this-many inner steps (truncated unrolling; default: all, as the paper). Makes expensive motif-networks such as recurrent cells affordable, at the price of a biased meta-gradient.")]
    [Range(1, 100000)]
    public int? MetaGradientSteps { get; init; }

    [Description("Outer loop: blocks of Adam steps on the synthetic inputs, each with a fresh Adam. Empty (with no state): the synthetic data stays as drawn, the dish before meta-learning (a baseline).")]
    public IReadOnlyList<OuterStage> OuterSchedule { get; init; } =
    [
        new() { Steps = 20, LearningRate = 0.05 },
        new() { Steps = 30, LearningRate = 0.02 },
        new() { Steps = 30, LearningRate = 0.008 },
    ];

    [Description("What the outer loss matches: the ground-truth 'values' (z-normalised, the paper), their 'ranks' (z-normalised; robust to heavy-tailed metrics such as perplexity), or 'alternate': values for the first, third, … dish of an ensemble and ranks for the others (the default: where one kind fits poorly its dishes fail the hold-out).")]
    public OuterTarget OuterTarget { get; init; } = OuterTarget.Alternate;

    [Description("Fraction of the observations each dish leaves out of the meta-learning (its own draw): it keeps the synthetic data of the outer step (0 = before the first) with the lowest outer loss on them, and they decide whether it fitted (minimumFit). 0 (the paper): learn on all, keep the last step.")]
    [Range(0.0, 0.9)]
    public double HoldOut { get; init; } = 0.2;

    [Description("With a hold-out: keep each dish's synthetic data of the outer step with the lowest outer loss on its held-out motifs (early stopping; one inference of them per step). False: keep the last step; the hold-out still decides whether the dish fitted (minimumFit).")]
    public bool StopOnHoldOut { get; init; } = true;

    [Description("L2 penalty on the synthetic inputs in the outer loss.")]
    [Range(0.0, 100.0)]
    public double L2 { get; init; } = 1e-5;

    [Description("Independent dishes (own θ_init, synthetic data, labels and hold-out) fitted side by side; minimumFit and consensus choose which are kept, combine how their calibrated predictions become one.")]
    [Range(1, 100)]
    public int Ensemble { get; init; } = 8;

    [Description("A meta-learned dish is kept only if its validation losses correlate at least this much (Pearson, over z-scores) with the ground truth on its held-out observations (on all its observations where fewer than 5 are held out). A dish still near its start, which usually ranks the observations backwards, fails it. -1: keep every dish.")]
    [Range(-1.0, 1.0)]
    public double MinimumFit { get; init; } = 0.9;

    [Description("Fraction of the fitted dishes kept: those whose ranking of random motifs of the search space agrees best (Kendall τ) with the median of the others. Dishes that fit the observations alike can still extrapolate differently; the outvoted ones are left out. 1: keep every fitted dish.")]
    [Range(0.01, 1.0)]
    public double Consensus { get; init; } = 0.75;

    [Description("How the kept dishes' calibrated scores become one prediction: 'median' (one dish that ranks part of the space backwards cannot move it far) or 'mean'.")]
    public EnsembleCombination Combine { get; init; } = EnsembleCombination.Median;

    [Description("Motifs trained together at inference (bounds memory; all motifs of a chunk are one tensor program).")]
    [Range(1, 1000000)]
    public int InferenceBatchSize { get; init; } = 4096;

    [Description("On the CPU in float32: train motif-networks that offer a block gradient in managed code, block by block, instead of as one libtorch program (ranking, hold-out, calibration); and fit through them too where the network also offers a block meta-gradient and the unrolling is exact (no metaGradientSteps truncation). False: always libtorch.")]
    public bool ManagedKernels { get; init; } = true;

    public Precision Precision { get; init; } = Precision.Float32;

    [Description("How many dishes of an ensemble train at once on the managed kernels, each on its own thread; default: the machine's logical cores. Results do not depend on it.")]
    [Range(1, 1024)]
    public int? Parallelism { get; init; }

    [Description("Each fit continues from the dishes of the previous fit (the synthetic data it learned) instead of fresh draws; members the previous fit left out start fresh. For a search, where the dish refits every iteration on a few more observations: a few outer steps per fit then continue one meta-learning rather than redo it.")]
    public bool WarmStart { get; init; }

    [Description("Start from a saved Petri dish (a file written by its Save) instead of random synthetic data; with an empty outer schedule, the saved dish is reused as it is.")]
    public string? State { get; init; }
}
