namespace PetriDish.Core.Comparison;

/// <summary>One fit of a predictor study: a surrogate at a training size and seed, and what it measured.</summary>
internal sealed record PredictorStudyCell(string Surrogate, string PluginId, int TrainCount, SeedMetrics Metrics);
