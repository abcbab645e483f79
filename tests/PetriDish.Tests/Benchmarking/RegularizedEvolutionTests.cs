using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Plugins.Optimizer.RegularizedEvolution;

namespace PetriDish.Tests.Benchmarking;

/// <summary>Regularized evolution's rules on a toy space of integers 0…999 whose mutation steps by one.</summary>
public sealed class RegularizedEvolutionTests
{
    private static Observation Observed(int n, double score) => new(new Point(n), score);

    private static RegularizedEvolution Evolution(int population, int sampleSize, int seed = 7) =>
        new(new LineSpace(), new RegularizedEvolutionSettings { Population = population, SampleSize = sampleSize }, seed);

    [Fact]
    public void Every_observation_joins_the_population_and_the_oldest_leaves_however_good()
    {
        using var evolution = Evolution(population: 3, sampleSize: 2);
        evolution.Observe([Observed(10, 100), Observed(20, 1)]);
        evolution.Observe([Observed(30, 2), Observed(40, 3)]);

        // 10 was the best ever seen, and the oldest: ageing retires it anyway.
        Assert.Equal([20, 30, 40], evolution.Population.Select(o => ((Point)o.Motif).N));

        evolution.Observe([Observed(50, 0)]);
        Assert.Equal([30, 40, 50], evolution.Population.Select(o => ((Point)o.Motif).N));
    }

    [Fact]
    public async Task A_tournament_over_the_whole_population_always_mutates_its_best_member()
    {
        using var evolution = Evolution(population: 4, sampleSize: 4);
        evolution.Observe([Observed(100, 1), Observed(500, 9), Observed(300, 5), Observed(700, 2)]);

        var children = await evolution.ProposeAsync(2, new Context(), CancellationToken.None);

        // The space's mutation steps by one: both neighbours of the best (500), distinct.
        Assert.Equal([499, 501], children.Select(c => ((Point)c).N).Order());
    }

    [Fact]
    public async Task Tournaments_of_one_draw_parents_from_the_whole_population_and_children_avoid_known_motifs()
    {
        using var evolution = Evolution(population: 4, sampleSize: 1);
        evolution.Observe([Observed(100, 1), Observed(500, 9), Observed(300, 5), Observed(700, 2)]);
        var known = new HashSet<string>(StringComparer.Ordinal) { new Point(101).Key, new Point(299).Key };

        var children = await evolution.ProposeAsync(6, new Context(known), CancellationToken.None);

        var parents = children.Select(c => ((Point)c).N).Select(n => new[] { 100, 500, 300, 700 }.Single(p => Math.Abs(p - n) == 1)).ToHashSet();
        Assert.Equal(6, children.Select(c => c.Key).Distinct().Count());
        Assert.DoesNotContain(children, c => known.Contains(c.Key));
        Assert.True(parents.Count >= 3, $"parents {string.Join(", ", parents)}: a sample of one should not always pick the best");
    }

    [Fact]
    public async Task Without_observations_it_proposes_random_samples()
    {
        using var evolution = Evolution(population: 4, sampleSize: 2);
        var proposals = await evolution.ProposeAsync(5, new Context(), CancellationToken.None);
        Assert.Equal(5, proposals.Select(p => p.Key).Distinct().Count());
    }

    [Fact]
    public async Task A_saved_state_proposes_what_the_original_proposes()
    {
        using var original = Evolution(population: 5, sampleSize: 2);
        original.Observe([.. Enumerable.Range(0, 7).Select(i => Observed(i * 100, i % 3))]);
        using var saved = new MemoryStream();
        original.Save(saved);
        saved.Position = 0;
        using var restored = Evolution(population: 5, sampleSize: 2, seed: 99);
        restored.Load(saved);

        Assert.Equal(original.Population, restored.Population, (a, b) => a.Motif.Key == b.Motif.Key && a.Score == b.Score);
        var expected = await original.ProposeAsync(4, new Context(), CancellationToken.None);
        var actual = await restored.ProposeAsync(4, new Context(), CancellationToken.None);
        Assert.Equal(expected.Select(m => m.Key), actual.Select(m => m.Key));
    }

    private sealed record Point(int N) : IMotif
    {
        public string Key => string.Create(CultureInfo.InvariantCulture, $"n:{N}");
    }

    private sealed class Context(IReadOnlySet<string>? known = null) : IOptimizerContext
    {
        public int Iteration => 1;

        public bool IsKnown(string motifKey) => known?.Contains(motifKey) ?? false;

        public Task<double> EvaluateLowFidelityAsync(IMotif motif, Fidelity fidelity, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    /// <summary>Integers 0…999; a mutation steps one up or down.</summary>
    private sealed class LineSpace : ISearchSpace
    {
        public string Description => "integers 0…999";

        public IMotif Parse(string key) => new Point(int.Parse(key["n:".Length..], CultureInfo.InvariantCulture));

        public IMotif Sample(Random random) => new Point(random.Next(1000));

        public IMotif Mutate(IMotif motif, Random random)
        {
            var n = ((Point)motif).N;
            return new Point(Math.Clamp(n + (random.Next(2) == 0 ? -1 : 1), 0, 999));
        }

        public int EncodingLength => 1;

        public IReadOnlyList<double> Encode(IMotif motif) => [((Point)motif).N];

        public IMotifAxis? Axis => null;

        public ITokenForm? Tokens => null;

        public IMotifNetworkFactory MotifNetworks => throw new NotSupportedException();

        public IGroundTruthEvaluator GroundTruth => throw new NotSupportedException();
    }
}
