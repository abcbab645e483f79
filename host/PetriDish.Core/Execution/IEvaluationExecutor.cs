using PetriDish.Abstractions;
using PetriDish.Core.Evaluation;

namespace PetriDish.Core.Execution;

/// <summary>
/// Where ground-truth evaluations run: in this process (<c>local</c>) or elsewhere (a cluster). The
/// search loop hands it a batch and gets every outcome back, each already committed to the store.
/// </summary>
internal interface IEvaluationExecutor : IAsyncDisposable
{
    /// <summary>A short description for logs and reports (e.g. <c>local</c>).</summary>
    string Description { get; }

    /// <summary>Evaluates a batch; outcomes in request order. Fails only for cancellation or an unavailable ground truth.</summary>
    Task<IReadOnlyList<EvaluationOutcome>> EvaluateAsync(IReadOnlyList<EvaluationRequest> requests, IProgress<(int Index, ProgressUpdate Update)>? progress, CancellationToken cancellationToken);
}
