using PetriDish.Abstractions;
using PetriDish.Core.Comparison;
using PetriDish.Core.Store;

namespace PetriDish.Core.Search;

/// <summary>
/// How well a search's screening surrogate ranked, in one iteration, the motifs it sent to the ground
/// truth: Kendall τ between its scores and their true values, and the true rank (among them) of its favourite.
/// </summary>
internal sealed record SurrogateIterationQuality(int Iteration, int Evaluated, double Tau, string Favourite, int FavouriteRank)
{
    /// <summary>One entry per iteration after the warm-up with at least two completed evaluations the surrogate scored.</summary>
    public static IReadOnlyList<SurrogateIterationQuality> Of(ResultsStore store, IReadOnlyList<EvaluationRecord> full, GroundTruthMetric metric, string surrogate)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(full);
        ArgumentNullException.ThrowIfNull(metric);
        var qualities = new List<SurrogateIterationQuality>();
        foreach (var iteration in full.Where(r => r.Iteration > 0).Select(r => r.Iteration!.Value).Distinct().Order())
        {
            var predictions = store.Predictions(iteration).Where(p => p.Surrogate == surrogate).ToDictionary(p => p.Motif, p => p.Score);
            var pairs = full.Where(r => r.Iteration == iteration && r.Status == EvaluationStatus.Completed && predictions.ContainsKey(r.Motif))
                .Select(r => (r.Motif, Predicted: predictions[r.Motif], True: metric.ToScore(r.Value!.Value))).ToList();
            if (pairs.Count < 2)
            {
                continue;
            }

            var tau = RankMetrics.KendallTauB([.. pairs.Select(p => p.True)], [.. pairs.Select(p => p.Predicted)]);
            var favourite = pairs.MaxBy(p => p.Predicted);
            qualities.Add(new SurrogateIterationQuality(iteration, pairs.Count, tau, favourite.Motif, 1 + pairs.Count(p => p.True > favourite.True)));
        }

        return qualities;
    }
}
