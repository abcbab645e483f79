using PetriDish.Core.Comparison;
using PetriDish.Sdk;

namespace PetriDish.Tests.Comparison;

public sealed class RankMetricsTests
{
    [Fact]
    public void Kendall_tau_b_matches_hand_computed_values_with_and_without_ties()
    {
        // Without ties: 6 pairs, 5 concordant, 1 discordant → (5 − 1) / 6.
        Assert.Equal(4.0 / 6, RankMetrics.KendallTauB([1, 2, 3, 4], [1, 2, 4, 3]), 12);
        Assert.Equal(1.0, RankMetrics.KendallTauB([1, 2, 3], [10, 20, 30]), 12);
        Assert.Equal(-1.0, RankMetrics.KendallTauB([1, 2, 3], [3, 2, 1]), 12);

        // With ties: x = [1, 2, 2, 3], y = [1, 3, 2, 2]. Pairs: (0,1) C, (0,2) C, (0,3) C, (1,2) x tied,
        // (1,3) D, (2,3) y tied. n0 = 6, n1 = 1 (x ties), n2 = 1 (y ties): τ-b = (3 − 1) / √(5 · 5) = 0.4.
        Assert.Equal(0.4, RankMetrics.KendallTauB([1, 2, 2, 3], [1, 3, 2, 2]), 12);

        Assert.True(double.IsNaN(RankMetrics.KendallTauB([1, 1, 1], [1, 2, 3])));
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        Assert.Equal([1, 2.5, 2.5, 4], Ranks.Average([10, 20, 20, 30]));
        Assert.Equal(1.0, RankMetrics.Spearman([1, 2, 3, 4], [2, 4, 8, 16]), 12);
        // Ranks x = [1, 2, 3, 4], y = [1, 3, 2, 4]: Σd² = 2, ρ = 1 − 6·2 / (4·15) = 0.8.
        Assert.Equal(0.8, RankMetrics.Spearman([1, 2, 3, 4], [1, 3, 2, 4]), 12);
        // With ties the Pearson correlation of average ranks: x ranks [1, 2.5, 2.5, 4], y ranks [1, 2, 3, 4].
        var expected = (((1 - 2.5) * (1 - 2.5)) + ((2.5 - 2.5) * (2 - 2.5)) + ((2.5 - 2.5) * (3 - 2.5)) + ((4 - 2.5) * (4 - 2.5)))
            / Math.Sqrt(((1.5 * 1.5) + 0 + 0 + (1.5 * 1.5)) * ((1.5 * 1.5) + (0.5 * 0.5) + (0.5 * 0.5) + (1.5 * 1.5)));
        Assert.Equal(expected, RankMetrics.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 12);
    }

    [Fact]
    public void Precision_at_k_is_the_overlap_of_the_top_k()
    {
        double[] truth = [0.9, 0.8, 0.1, 0.7, 0.2];
        Assert.Equal(1.0, RankMetrics.PrecisionAtK(truth, [5, 4, 1, 3, 2], 2));
        Assert.Equal(0.5, RankMetrics.PrecisionAtK(truth, [5, 1, 4, 3, 2], 2));   // predicted top 2: 0 and 2; true: 0 and 1
        Assert.Equal(2.0 / 3, RankMetrics.PrecisionAtK(truth, [3, 2, 1, 0, 5], 3), 12); // predicted 4, 0, 1; true 0, 1, 3
        Assert.Equal(1, RankMetrics.DefaultK(10));
        Assert.Equal(2, RankMetrics.DefaultK(42));
        Assert.Equal(4, RankMetrics.DefaultK(83)); // 4.15 rounds to 4
    }

    [Fact]
    public void Standardising_gives_zero_mean_and_unit_population_variance()
    {
        var z = RankMetrics.Standardise([2, 4, 4, 4, 5, 5, 7, 9]); // mean 5, population std 2

        Assert.Equal([-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2], z);
        Assert.Equal([0.0, 0, 0], RankMetrics.Standardise([3, 3, 3]));
    }
}
