using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>The ground truth of a space configured without one: every use says why there is none.</summary>
internal sealed class UnavailableGroundTruth(string reason) : IGroundTruthEvaluator
{
    public GroundTruthMetric Metric { get; } = new("validation-perplexity", MetricGoal.Minimize);

    public string ConfigurationKey => throw new InvalidOperationException(reason);

    public Task<GroundTruthResult> EvaluateAsync(IMotif motif, Fidelity fidelity, int seed, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(reason);
}
