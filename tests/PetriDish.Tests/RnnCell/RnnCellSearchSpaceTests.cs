using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Sdk;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.RnnCell;

public sealed class RnnCellSearchSpaceTests
{
    public const string PublishedNaoCell = "nao-cell:0 1 0 1 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2";

    private static readonly RnnCellSearchSpace Space = new(new RnnCellSettings(), TestContexts.Plugin());

    [Fact]
    public void The_published_nao_cell_parses_and_its_key_round_trips()
    {
        var cell = (NaoCell)Space.Parse(PublishedNaoCell);

        Assert.Equal(PublishedNaoCell, cell.Key);
        Assert.Equal([0, 0, 1, 3, 4, 4, 5, 1, 7, 1, 1], cell.Inputs);
        Assert.Equal(CellActivation.Identity, cell.Activations[10]);
        Assert.Equal(CellActivation.Tanh, cell.Activations[3]);
    }

    [Fact]
    public void Sampled_and_mutated_cells_are_valid_and_round_trip_through_keys_and_tokens()
    {
        var random = new DeterministicRandom(3);
        var tokens = Space.Tokens!;
        for (var i = 0; i < 300; i++)
        {
            var cell = Space.Sample(random);
            var mutant = Space.Mutate(cell, random);

            Assert.Equal(cell, Space.Parse(cell.Key));
            Assert.Equal(cell, tokens.FromTokens(tokens.ToTokens(cell)));
            Assert.Equal(mutant, tokens.FromTokens(tokens.ToTokens(mutant)));
            Assert.NotEqual(cell.Key, mutant.Key);
            Assert.Equal(1, CountDifferences((NaoCell)cell, (NaoCell)mutant));
        }
    }

    [Fact]
    public void The_token_form_has_nao_vocabulary_and_position_constraints()
    {
        var tokens = Space.Tokens!;

        Assert.Equal((16, 22), (tokens.VocabularySize, tokens.Length));
        Assert.Equal([1, 13, 1, 13, 2, 13, 4, 12, 5, 13, 5, 13, 6, 13, 2, 13, 8, 13, 2, 13, 2, 14], tokens.ToTokens(Space.Parse(PublishedNaoCell)));
        Assert.Equal([1], tokens.AllowedTokens(0));
        Assert.Equal([1, 2, 3, 4], tokens.AllowedTokens(6));
        Assert.Equal([12, 13, 14, 15], tokens.AllowedTokens(21));
        Assert.All(Enumerable.Range(0, 22), p => Assert.DoesNotContain(0, tokens.AllowedTokens(p)));
        var error = Assert.Throws<MotifFormatException>(() => tokens.FromTokens([1, 12, 3, 12, .. Enumerable.Repeat(1, 18)]));
        Assert.Contains("is not an earlier node of node 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nao-cell:0 1 0 1", "a cell of 11 nodes has 22 integers (input node and activation per node), not 4")]
    [InlineData("nao-cell:0 1 2 1 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2", "node 2 reads node 2, which is not an earlier node (0…1)")]
    [InlineData("nao-cell:0 1 0 1 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 4", "'4' (activation of node 11) is not an activation: 0 tanh, 1 relu, 2 identity, 3 sigmoid")]
    [InlineData("nao-cell:0 1 0 x 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2", "'x' (activation of node 2) is not an activation")]
    [InlineData("nao-cell:0 1 0 1 -1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2", "'-1' (input of node 3) is not a node number")]
    [InlineData("lstm", "a cell key starts with 'nao-cell:'")]
    public void Malformed_keys_are_refused_with_the_reason(string key, string reason)
    {
        var error = Assert.Throws<MotifFormatException>(() => Space.Parse(key));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_encoding_is_one_hot_input_and_activation_per_node()
    {
        var encoding = Space.Encode(Space.Parse(PublishedNaoCell));

        Assert.Equal(11 * 15, encoding.Count);
        Assert.Equal(22, encoding.Sum());
        Assert.Equal(1, encoding[(10 * 15) + 1]);  // node 11 reads node 1
        Assert.Equal(1, encoding[(10 * 15) + 11 + 2]);  // with identity
    }

    private static int CountDifferences(NaoCell a, NaoCell b) =>
        a.Inputs.Zip(b.Inputs).Count(p => p.First != p.Second) + a.Activations.Zip(b.Activations).Count(p => p.First != p.Second);
}
