namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

/// <summary>How one dish's fit went.</summary>
/// <param name="FirstLoss">Outer loss at the first step.</param>
/// <param name="FinalLoss">Outer loss at the last step.</param>
/// <param name="SkippedSteps">Outer steps skipped for a non-finite meta-gradient.</param>
/// <param name="Diverged">Motifs whose inner training diverged, left out of the outer loss.</param>
/// <param name="KeptStep">With a hold-out: the outer step whose synthetic data was kept (0 = as drawn); else the last.</param>
/// <param name="HeldOutLoss">With a hold-out: the outer loss on the held-out motifs at the kept step; else NaN.</param>
/// <param name="LearnedFit">After the fit: the correlation of the dish's losses with the targets on the motifs it learned from.</param>
/// <param name="HeldOutFit">After the fit: the same on its held-out motifs; NaN without a hold-out.</param>
/// <param name="AllFit">After the fit: the same on all its motifs, learned and held out.</param>
internal sealed record DishFitResult(double FirstLoss, double FinalLoss, int SkippedSteps, IReadOnlyCollection<string> Diverged, int KeptStep, double HeldOutLoss, double LearnedFit, double HeldOutFit, double AllFit)
{
    /// <summary>Below this many held-out motifs their correlation is too noisy to judge a fit by.</summary>
    public const int FewestHeldOutToJudge = 5;

    /// <summary>Whether the dish can predict at all: false when its training diverged for all its motifs but one.</summary>
    public bool Usable => !double.IsNaN(AllFit);

    /// <summary>What <see cref="PetriDishSettings.MinimumFit"/> judges: the held-out correlation where at least <see cref="FewestHeldOutToJudge"/> motifs were held out, else the one on all.</summary>
    public double Fit(int heldOut) => heldOut >= FewestHeldOutToJudge ? HeldOutFit : AllFit;
}
