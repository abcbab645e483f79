using System.Diagnostics;
using PetriDish.Abstractions;
using PetriDish.Core.Evaluation;

namespace PetriDish.Core.Execution;

/// <summary>
/// The worker's side of <see cref="WorkerLaunch"/>: one ground-truth evaluation in this process, no
/// cache, its value or its error written to the result file the launching executor collects.
/// </summary>
internal static class WorkerEvaluation
{
    /// <summary>Evaluates <paramref name="motif"/> and writes the result (or the evaluator's error) to <paramref name="resultPath"/>; throws only for cancellation.</summary>
    public static async Task<WorkerResult> RunAsync(ISearchSpace space, IMotif motif, Fidelity fidelity, int seed, string resultPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(motif);
        var clock = Stopwatch.StartNew();
        WorkerResult result;
        try
        {
            var evaluated = await space.GroundTruth.EvaluateAsync(motif, fidelity, seed, null, cancellationToken).ConfigureAwait(false);
            result = new WorkerResult
            {
                Motif = motif.Key,
                Fidelity = fidelity.ToString(),
                Seed = seed,
                Value = evaluated.Value,
                Metric = space.GroundTruth.Metric.Name,
                Details = evaluated.Details,
                Seconds = clock.Elapsed.TotalSeconds,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException) // The evaluator's failure is the result to report.
        {
            result = new WorkerResult { Motif = motif.Key, Fidelity = fidelity.ToString(), Seed = seed, Error = $"{ex.GetType().Name}: {ex.Message}", Seconds = clock.Elapsed.TotalSeconds };
        }

        result.Write(resultPath);
        return result;
    }
}
