using System.Globalization;
using PetriDish.Sdk;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

/// <summary>
/// Which dishes of a fitted ensemble predict. First, a meta-learned dish must fit: its losses must
/// correlate with the ground truth on its held-out motifs (on all its motifs where fewer than
/// <see cref="DishFitResult.FewestHeldOutToJudge"/> are held out) at least
/// <see cref="PetriDishSettings.MinimumFit"/> (a dish still near its start usually ranks them backwards). Then, of the dishes that fit, the
/// <see cref="PetriDishSettings.Consensus"/> fraction whose ranking of random motifs of the search space
/// agrees best with the median of the others: dishes that fit the observations equally well can still
/// extrapolate differently, and a dish that ranks part of the space backwards is outvoted.
/// </summary>
internal static class MemberSelection
{
    /// <summary>How many random motifs of the space the dishes rank to measure their agreement.</summary>
    public const int ConsensusProbes = 128;

    /// <summary>
    /// The verdict on every dish. <paramref name="probeScores"/> gives, for the dishes listed, each one's
    /// calibrated scores of the same <see cref="ConsensusProbes"/> random motifs.
    /// </summary>
    public static IReadOnlyList<MemberVerdict> Choose(PetriDishSettings settings, IReadOnlyList<DishFitResult> results, IReadOnlyList<int> heldOut, bool metaLearned, Func<IReadOnlyList<int>, double[][]> probeScores)
    {
        var fit = results.Select((r, d) => r.Fit(heldOut[d])).ToArray();
        var where = heldOut.All(h => h >= DishFitResult.FewestHeldOutToJudge) ? "held-out" : "observed";
        var members = Enumerable.Range(0, results.Count).ToList();
        var usable = members.Where(d => results[d].Usable).ToList();
        if (usable.Count == 0)
        {
            throw new InvalidOperationException("training diverged in every Petri dish for all but one motif; try a smaller innerLearningRate");
        }

        var fitted = metaLearned ? usable.Where(d => fit[d] >= settings.MinimumFit).ToList() : usable;
        if (fitted.Count == 0)
        {
            // Nothing fitted: the best of them is still the dish's best guess (the caller warns).
            fitted = [usable.MaxBy(d => fit[d])];
        }

        var agreement = Enumerable.Repeat(double.NaN, results.Count).ToArray();
        var kept = fitted;
        if (fitted.Count >= 3 && settings.Consensus < 1)
        {
            var scores = probeScores(fitted);
            for (var j = 0; j < fitted.Count; j++)
            {
                var others = scores.Where((_, k) => k != j).ToArray();
                var median = Enumerable.Range(0, scores[j].Length).Select(i => Median(others.Select(o => o[i]))).ToArray();
                agreement[fitted[j]] = Ranks.KendallTauB(scores[j], median);
            }

            var count = Math.Max(1, (int)Math.Ceiling((settings.Consensus * fitted.Count) - 1e-9));
            kept = [.. fitted.OrderByDescending(d => double.IsNaN(agreement[d]) ? double.NegativeInfinity : agreement[d]).ThenBy(d => d).Take(count).Order()];
        }

        var keptAgreement = kept.Select(d => agreement[d]).Where(double.IsFinite).ToArray();
        return [.. members.Select(d =>
        {
            var (outcome, reason) = (MemberOutcome.Kept, (string?)null);
            if (!results[d].Usable)
            {
                (outcome, reason) = (MemberOutcome.NotFitted, "did not fit: its training diverged for all its motifs but one");
            }
            else if (!fitted.Contains(d))
            {
                (outcome, reason) = (MemberOutcome.NotFitted, string.Create(CultureInfo.InvariantCulture, $"did not fit: correlation {fit[d]:F2} with the ground truth on its {where} motifs, below minimumFit {settings.MinimumFit:F2}"));
            }
            else if (!kept.Contains(d))
            {
                (outcome, reason) = (MemberOutcome.Outvoted, string.Create(CultureInfo.InvariantCulture,
                    $"outvoted: ranks {ConsensusProbes} random motifs unlike the other dishes (Kendall τ {agreement[d]:F2} with their median{(keptAgreement.Length == 0 ? "" : $"; the kept dishes {keptAgreement.Min():F2} to {keptAgreement.Max():F2}")})"));
            }

            return new MemberVerdict(d, fit[d], agreement[d], outcome, reason);
        })];
    }

    /// <summary>The median (the mean of the middle two for an even count).</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
