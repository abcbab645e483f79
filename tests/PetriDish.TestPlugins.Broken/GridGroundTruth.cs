using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>A peak at position 12: enough ground truth for a search to run until the space's fault shows.</summary>
public sealed class GridGroundTruth : IGroundTruthEvaluator
{
    public GroundTruthMetric Metric { get; } = new("closeness", MetricGoal.Maximize);

    public string ConfigurationKey => "grid-peak-12";

    public Task<GroundTruthResult> EvaluateAsync(IMotif motif, Fidelity fidelity, int seed, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken) =>
        Task.FromResult(new GroundTruthResult(-Math.Abs(((GridMotif)motif).Position - 12)));
}
