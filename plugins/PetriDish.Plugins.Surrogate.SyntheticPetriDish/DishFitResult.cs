namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>How one dish's fit went.</summary>
internal sealed record DishFitResult(double FirstLoss, double FinalLoss, int SkippedSteps, IReadOnlyCollection<string> Diverged);
