using PetriDish.Abstractions;
using PetriDish.Core.Benchmarking;

namespace PetriDish.Tests.Benchmarking;

/// <summary>The benchmark's statistics against hand computations.</summary>
public sealed class BenchmarkStatisticsTests
{
    [Fact]
    public void Wilcoxon_signed_rank_test_matches_a_hand_computation()
    {
        // Differences 1, −2, 3, 4, 5: ranks 1…5, W+ = 1 + 3 + 4 + 5 = 13, W− = 2. Of the 32 sign patterns,
        // three give W+ ≥ 13 (W− ≤ 2: {}, {1}, {2}), so the two-sided exact p is 2 · 3/32.
        var result = WilcoxonSignedRank.Test([1, -2, 3, 4, 5], [0, 0, 0, 0, 0]);

        Assert.Equal(5, result.Pairs);
        Assert.Equal(13, result.PositiveRankSum);
        Assert.Equal(2, result.NegativeRankSum);
        Assert.Equal(6.0 / 32, result.P, 12);
        Assert.Equal("exact", result.Method);
    }

    [Fact]
    public void Wilcoxon_drops_zero_differences_and_gives_tied_magnitudes_their_average_rank()
    {
        // x − y = 1, 1, −2, 3 and a zero (dropped): ranks 1.5, 1.5, 3, 4; W+ = 7, W− = 3. In doubled ranks
        // (3, 3, 6, 8) five of the 16 sign patterns reach W+ ≥ 7 ({6,8}, {3,3,8}, {3,6,8} twice, all): p = 2 · 5/16.
        var result = WilcoxonSignedRank.Test([2, 3, 0, 7, 5], [1, 2, 2, 4, 5]);

        Assert.Equal(4, result.Pairs);
        Assert.Equal(7, result.PositiveRankSum);
        Assert.Equal(3, result.NegativeRankSum);
        Assert.Equal(10.0 / 16, result.P, 12);
    }

    [Fact]
    public void Wilcoxon_beyond_fifty_pairs_uses_the_normal_approximation()
    {
        // 60 positive differences: W+ = 1830 against a mean of 915 and an SD of √(60·61·121/24) ≈ 135.8, z ≈ 6.74.
        var result = WilcoxonSignedRank.Test([.. Enumerable.Range(1, 60).Select(i => (double)i)], [.. Enumerable.Repeat(0.0, 60)]);

        Assert.Equal("normal", result.Method);
        Assert.Equal(1830, result.PositiveRankSum);
        Assert.InRange(result.P, 1e-11, 2e-11);
    }

    [Fact]
    public void Seed_statistics_give_the_t_interval_of_the_mean()
    {
        // 1…5: mean 3, sample SD √2.5, t(4) = 2.7764, half-width 2.7764 · √2.5 / √5 = 1.9632.
        var statistic = SeedStatistic.Of([5, 1, 4, 2, 3]);

        Assert.Equal(3, statistic.Mean, 12);
        Assert.Equal(3, statistic.Median, 12);
        Assert.Equal(Math.Sqrt(2.5), statistic.Sd, 12);
        Assert.Equal(3 - 1.96320, statistic.Low, 4);
        Assert.Equal(3 + 1.96320, statistic.High, 4);
        Assert.Equal(2.0096, SeedStatistic.StudentT975(49), 3);
        Assert.Equal(2.0423, SeedStatistic.StudentT975(30), 4);
    }

    [Fact]
    public void Random_draws_expected_regret_is_the_order_statistic_expectation()
    {
        // Values 4, 3, 2, 1 (best 4), two draws without replacement: the best drawn is 4 with probability 1/2,
        // 3 with 1/3, 2 with 1/6 — expected regret 0 · 1/2 + 1 · 1/3 + 2 · 1/6 = 2/3.
        var metric = new GroundTruthMetric("accuracy", MetricGoal.Maximize);

        Assert.Equal(2.0 / 3, PetriDish.Core.Benchmarking.BenchmarkReport.ExpectedRandomRegret([4, 3, 2, 1], metric, 2), 12);
        Assert.Equal(1.5, PetriDish.Core.Benchmarking.BenchmarkReport.ExpectedRandomRegret([4, 3, 2, 1], metric, 1), 12);
        Assert.Equal(0, PetriDish.Core.Benchmarking.BenchmarkReport.ExpectedRandomRegret([4, 3, 2, 1], metric, 4), 12);
    }
}
