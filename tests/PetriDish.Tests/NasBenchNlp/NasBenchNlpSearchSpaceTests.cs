using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using PetriDish.Sdk;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.NasBenchNlp;

public sealed class NasBenchNlpSearchSpaceTests
{
    private static NasBenchNlpSearchSpace TableBacked() =>
        new(new NasBenchNlpSettings { GroundTruth = new BenchmarkSettings { Logs = RepoPaths.NasBenchNlpSampleZip } }, TestContexts.Plugin());

    private static NasBenchNlpSearchSpace GeneratorOnly() => new(new NasBenchNlpSettings(), TestContexts.Plugin());

    [Fact]
    public void A_table_backed_space_samples_mutates_and_accepts_only_tabulated_cells()
    {
        var space = TableBacked();
        var tabulated = ((ITabulatedGroundTruth)space.GroundTruth).Tabulated.Select(c => c.Key).ToHashSet();
        var random = new DeterministicRandom(2);

        var sampled = Enumerable.Range(0, 200).Select(_ => space.Sample(random)).ToList();
        var mutated = sampled.Take(50).Select(c => (From: c, To: space.Mutate(c, random))).ToList();

        Assert.Equal(15, tabulated.Count);
        Assert.All(sampled, c => Assert.Contains(c.Key, tabulated));
        Assert.Equal(15, sampled.Select(c => c.Key).Distinct().Count()); // uniform over the table: 200 draws see every cell
        Assert.All(mutated, m => Assert.Contains(m.To.Key, tabulated));
        Assert.All(mutated, m => Assert.NotEqual(m.From.Key, m.To.Key));

        var untabulated = "nlp-cell:n0=linear(x h_prev_0);h_new_0=leaky_relu(n0)";
        var error = Assert.Throws<MotifFormatException>(() => space.Parse(untabulated));
        Assert.Contains("not one of the 15 cells in the NAS-Bench-NLP table", error.Message, StringComparison.Ordinal);
        Assert.Equal(untabulated, GeneratorOnly().Parse(untabulated).Key);
    }

    [Fact]
    public void Tokens_round_trip_and_any_decoded_sequence_lands_on_a_tabulated_cell()
    {
        var space = TableBacked();
        var form = space.Tokens!;
        var table = ((ITabulatedGroundTruth)space.GroundTruth).Tabulated;
        var random = new DeterministicRandom(3);

        foreach (var cell in table)
        {
            var tokens = form.ToTokens(cell);
            Assert.Equal(form.Length, tokens.Count);
            Assert.All(tokens.Select((t, i) => (t, i)), p => Assert.Contains(p.t, form.AllowedTokens(p.i)));
            Assert.Equal(cell.Key, form.FromTokens(tokens).Key);
        }

        for (var i = 0; i < 50; i++)
        {
            // What a constrained decoder may produce: every token allowed at its position, the whole not necessarily a cell.
            var noise = Enumerable.Range(0, form.Length).Select(p => form.AllowedTokens(p)[random.Next(form.AllowedTokens(p).Count)]).ToList();
            Assert.Contains(table, c => c.Key == form.FromTokens(noise).Key);
        }

        // One token off a tabulated cell maps back to that cell.
        var largest = table.MaxBy(c => ((NlpCell)c).Nodes.Count)!;
        var nudged = form.ToTokens(largest).ToArray();
        nudged[^1] = form.AllowedTokens(nudged.Length - 1).First(t => t != nudged[^1]);
        Assert.Equal(largest.Key, form.FromTokens(nudged).Key);
    }

    [Fact]
    public void Without_a_table_tokens_decode_exactly_and_an_invalid_sequence_is_refused()
    {
        var space = GeneratorOnly();
        var form = (CellTokenForm)space.Tokens!;
        var random = new DeterministicRandom(4);
        for (var i = 0; i < 50; i++)
        {
            var cell = space.Sample(random);
            Assert.Equal(cell.Key, form.FromTokens(form.ToTokens(cell)).Key);
            var mutated = space.Mutate(cell, random);
            Assert.NotEqual(cell.Key, mutated.Key);
            Assert.Equal(mutated.Key, space.Parse(mutated.Key).Key);
        }

        var tokens = form.ToTokens(space.Sample(random)).ToArray();
        tokens[0] = 2 + (4 * (int)CellOp.Tanh); // a one-input activation where the first node reads two inputs
        Assert.Throws<MotifFormatException>(() => form.FromTokens(tokens));
    }

    [Fact]
    public void The_encoding_has_one_length_and_tells_cells_apart()
    {
        var space = TableBacked();
        var table = ((ITabulatedGroundTruth)space.GroundTruth).Tabulated;

        var encodings = table.Select(space.Encode).ToList();

        Assert.All(encodings, e => Assert.Equal(space.EncodingLength, e.Count));
        Assert.Equal((3 * 7) + (25 * (7 + 3 + 4 + 25)), space.EncodingLength);
        Assert.Equal(table.Count, encodings.Select(e => string.Join(',', e)).Distinct().Count());
    }

    [Fact]
    public void Op_counts_count_each_operation_of_a_cell()
    {
        var space = GeneratorOnly();
        var cell = space.Parse("nlp-cell:n0=linear(x h_prev_0);n1=sigm(n0);n2=linear(x h_prev_0);n3=tanh(n2);h_new_0=prod(n1 n3)");

        Assert.Equal(["op-counts"], space.EncodingNames);
        Assert.Equal(7, space.EncodingLengthOf("op-counts"));
        // In CellOps.All's order: linear, blend, prod, sum, tanh, sigm, leaky_relu.
        Assert.Equal(CellOps.All.Select(op => op switch { CellOp.Linear => 2.0, CellOp.Prod or CellOp.Tanh or CellOp.Sigm => 1.0, _ => 0.0 }), space.Encode(cell, "op-counts"));
        Assert.Throws<ArgumentException>(() => space.Encode(cell, "ops"));
    }

    [Fact]
    public void A_space_without_logs_has_no_ground_truth_and_says_why()
    {
        var error = Assert.Throws<InvalidOperationException>(() => GeneratorOnly().GroundTruth.ConfigurationKey);

        Assert.Contains("has no groundTruth.logs", error.Message, StringComparison.Ordinal);
    }
}
