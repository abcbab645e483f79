using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Sdk;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Activation;

public sealed class ActivationSearchSpaceTests
{
    private static ActivationSearchSpace Space(ActivationFamily family = ActivationFamily.SigmoidSlope, double[]? range = null) =>
        new(new ActivationSettings { Family = family, Range = range }, TestContexts.Plugin());

    [Fact]
    public void Keys_round_trip_exactly_whatever_the_machine_culture()
    {
        var space = Space();
        var random = new DeterministicRandom(4);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            // A comma-decimal culture (the process runs globalization-invariant, so build one by hand).
            var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
            comma.NumberFormat.NumberDecimalSeparator = ",";
            CultureInfo.CurrentCulture = comma;
            var motifs = Enumerable.Range(0, 200).Select(_ => space.Sample(random)).Append(space.At(0.01)).Append(space.At(2.01)).ToList();

            foreach (var motif in motifs)
            {
                var parsed = space.Parse(motif.Key);
                Assert.Equal(motif, parsed);
                Assert.Equal(motif.Key, parsed.Key);
                Assert.DoesNotContain(',', motif.Key);
            }
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        Assert.Equal("sigmoid-slope:0.25", space.Parse("sigmoid-slope:0.25").Key);
        Assert.Equal("sigmoid-slope:0.25", space.Parse("sigmoid-slope:2.5e-1").Key);
    }

    [Theory]
    [InlineData("tanh-slope:0.3", "unknown activation family 'tanh-slope'")]
    [InlineData("swish-beta:0.3", "holds sigmoid-slope motifs, not swish-beta")]
    [InlineData("sigmoid-slope:2.5", "slope c 2.5 is outside [0.01, 2.01]")]
    [InlineData("sigmoid-slope:0", "slope c 0 is outside [0.01, 2.01]")]
    [InlineData("sigmoid-slope:abc", "'abc' is not a number")]
    [InlineData("sigmoid-slope:NaN", "'NaN' is not a number")]
    public void Bad_keys_are_refused_with_the_reason(string key, string reason)
    {
        var error = Assert.Throws<MotifFormatException>(() => Space().Parse(key));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal(key, error.Key);
    }

    [Fact]
    public void Sampling_and_mutation_stay_in_range_and_round_to_the_configured_decimals()
    {
        var space = Space();
        var random = new DeterministicRandom(9);
        var motifs = Enumerable.Range(0, 500).Select(_ => space.Sample(random)).ToList();
        var mutants = motifs.Select(m => space.Mutate(m, random)).ToList();

        Assert.All(motifs.Concat(mutants), m => Assert.InRange(space.PositionOf(m), 0.01, 2.01));
        Assert.All(motifs, m => Assert.Equal(Math.Round(space.PositionOf(m), 4), space.PositionOf(m)));
        Assert.True(motifs.Select(m => m.Key).Distinct().Count() > 450);
        Assert.True(motifs.Zip(mutants).Count(p => p.First != p.Second) > 450);
        Assert.True(mutants.Zip(motifs).Average(p => Math.Abs(space.PositionOf(p.First) - space.PositionOf(p.Second))) < 0.2);
    }

    [Fact]
    public void Other_families_have_their_own_keys_and_ranges()
    {
        var swish = Space(ActivationFamily.SwishBeta);
        var leaky = Space(ActivationFamily.LeakyReluSlope, [0.0, 0.5]);

        Assert.Equal("swish-beta:1.5", swish.Parse("swish-beta:1.5").Key);
        Assert.Equal((0.0, 4.0), (swish.Minimum, swish.Maximum));
        Assert.Equal([0.3], leaky.Encode(leaky.Parse("leaky-relu-slope:0.3")));
        Assert.Throws<MotifFormatException>(() => leaky.Parse("leaky-relu-slope:0.7"));
    }
}
