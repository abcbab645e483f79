namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>How one dish's fit went.</summary>
/// <param name="FirstLoss">Outer loss at the first step.</param>
/// <param name="FinalLoss">Outer loss at the last step.</param>
/// <param name="SkippedSteps">Outer steps skipped for a non-finite meta-gradient.</param>
/// <param name="Diverged">Motifs whose inner training diverged, left out of the outer loss.</param>
/// <param name="KeptStep">With a hold-out: the outer step whose synthetic data was kept (0 = as drawn); else the last.</param>
/// <param name="HeldOutLoss">With a hold-out: the outer loss on the held-out motifs at the kept step; else NaN.</param>
internal sealed record DishFitResult(double FirstLoss, double FinalLoss, int SkippedSteps, IReadOnlyCollection<string> Diverged, int KeptStep, double HeldOutLoss);
