using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.NasBench201;

public sealed class CellKeyTests
{
    private const string Canonical = "nb201:|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|";
    private static readonly NasBench201SearchSpace Space = new(new NasBench201Settings { GroundTruth = new TableSettings { Table = RepoPaths.NasBench201Table } }, TestContexts.Plugin());

    [Theory]
    [InlineData(Canonical)]
    [InlineData("|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|")]
    [InlineData("nb201:nor_conv_3x3,nor_conv_3x3,avg_pool_3x3,skip_connect,nor_conv_3x3,skip_connect")]
    [InlineData("nb201: nor_conv_3x3 nor_conv_3x3 avg_pool_3x3 skip_connect nor_conv_3x3 skip_connect ")]
    [InlineData("nb201:1")] // The table's row with index 1.
    public void Every_form_of_a_cell_parses_to_the_canonical_key(string key)
    {
        var cell = (Nb201Cell)Space.Parse(key);

        Assert.Equal(Canonical, cell.Key);
        Assert.Equal([CellOp.Conv3x3, CellOp.Conv3x3, CellOp.AvgPool3x3, CellOp.SkipConnect, CellOp.Conv3x3, CellOp.SkipConnect], cell.Ops);
        Assert.Equal(cell, Space.Parse(cell.Key));
    }

    [Theory]
    [InlineData("nb201:", "no cell after 'nb201:'")]
    [InlineData("nb201:|nor_conv_3x3~0|+|none~0|none~1|", "an architecture string lists 3 nodes separated by '|+|'; this one lists 2")]
    [InlineData("nb201:|nor_conv_3x3~0|+|none~0|+|none~0|none~1|none~2|", "node 2 takes 2 edge(s) (from nodes 0…1); 'none~0' gives 1")]
    [InlineData("nb201:|nor_conv_3x3~0|+|none~1|none~0|+|none~0|none~1|none~2|", "edge 1 of node 2 must read 'op~0' (its source node); found 'none~1'")]
    [InlineData("nb201:|conv_5x5~0|+|none~0|none~1|+|none~0|none~1|none~2|", "'conv_5x5' is no operation of NAS-Bench-201 (one of none, skip_connect, nor_conv_1x1, nor_conv_3x3, avg_pool_3x3)")]
    [InlineData("nb201:none,none,none", "a cell has 6 edges (1←0, 2←0, 2←1, 3←0, 3←1, 3←2); 3 operation(s) given")]
    [InlineData("nb201:15625", "has no cell with index 15625 (it holds 15625 cells)")]
    public void A_bad_key_is_refused_saying_what_is_wrong(string key, string reason)
    {
        var refused = Assert.Throws<MotifFormatException>(() => Space.Parse(key));

        Assert.Contains(reason, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_index_needs_the_table_that_numbers_the_cells()
    {
        var withoutTable = new NasBench201SearchSpace(new NasBench201Settings { GroundTruth = new TableSettings { Table = "does-not-exist.csv" } }, TestContexts.Plugin());

        var refused = Assert.ThrowsAny<Exception>(() => withoutTable.Parse("nb201:1"));

        Assert.Contains("does-not-exist.csv", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Sampling_draws_every_cell_alike_and_a_mutation_changes_exactly_one_edge()
    {
        var random = new Random(3);
        var drawn = Enumerable.Range(0, 20_000).Select(_ => (Nb201Cell)Space.Sample(random)).ToList();
        var perOp = drawn.SelectMany(c => c.Ops).GroupBy(op => op).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(5, perOp.Count);
        Assert.All(perOp.Values, count => Assert.InRange(count, 20_000 * 6 / 5 * 0.95, 20_000 * 6 / 5 * 1.05));
        Assert.True(drawn.Select(c => c.Key).Distinct().Count() > 11_000); // 15,625 cells, 20,000 draws: ≈ 11,760 distinct expected.
        foreach (var cell in drawn.Take(500))
        {
            var mutated = (Nb201Cell)Space.Mutate(cell, random);
            Assert.Equal(1, cell.Ops.Zip(mutated.Ops).Count(p => p.First != p.Second));
        }
    }

    [Fact]
    public void The_one_hot_encoding_marks_each_edges_operation_and_the_tokens_round_trip()
    {
        var cell = (Nb201Cell)Space.Parse(Canonical);

        var encoding = Space.Encode(cell);

        Assert.Equal(30, encoding.Count);
        Assert.Equal(6, encoding.Sum());
        for (var e = 0; e < 6; e++)
        {
            Assert.Equal(1, encoding[(e * 5) + (int)cell.Ops[e]]);
        }

        Assert.Equal([0, 2, 0, 3, 1], Space.Encode(cell, "op-counts"));
        Assert.Equal([4, 4, 5, 2, 4, 2], Space.Tokens!.ToTokens(cell));
        Assert.Equal(cell, Space.Tokens.FromTokens(Space.Tokens.ToTokens(cell)));
        Assert.All(Enumerable.Range(0, 15_625), i => Assert.Equal(i, Nb201Cell.FromOrdinal(i).Ordinal));
    }
}
