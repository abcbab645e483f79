using PetriDish.Abstractions;
using PetriDish.Core.Evaluation;
using PetriDish.Core.Progress;

namespace PetriDish.Core.Execution;

/// <summary>Evaluates in this process, one motif after the other (torch uses the configured threads).</summary>
internal sealed class LocalExecutor(GroundTruthService groundTruth) : IEvaluationExecutor
{
    public string Description => "local";

    public async Task<IReadOnlyList<EvaluationOutcome>> EvaluateAsync(IReadOnlyList<EvaluationRequest> requests, IProgress<(int Index, ProgressUpdate Update)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var outcomes = new List<EvaluationOutcome>(requests.Count);
        for (var i = 0; i < requests.Count; i++)
        {
            var index = i;
            var itemProgress = progress is null ? null : new InlineProgress<ProgressUpdate>(u => progress.Report((index, u)));
            outcomes.Add(await groundTruth.EvaluateAsync(requests[i], itemProgress, cancellationToken).ConfigureAwait(false));
        }

        return outcomes;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
