namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The ground-truth network's training or validation produced NaN or ∞: the evaluation fails with this reason.</summary>
public sealed class TrainingDivergedException(string message) : Exception(message);
