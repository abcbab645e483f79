using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using PetriDish.Sdk;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.NasBenchNlp;

public sealed class CellKeyTests
{
    private static string RecipeOf(string logName) =>
        (string)JObject.Parse(File.ReadAllText(Directory.GetFiles(RepoPaths.NasBenchNlpSample, $"log_stats_model_{logName}_*.json").Single()))["recepie"]!;

    [Theory]
    [InlineData("1000889", "1001660")] // node_3 vs node_12, inputs in another order
    [InlineData("1000418", "1005062")] // the same names, every linear's inputs swapped
    public void Recipes_of_the_same_cell_from_the_release_get_the_same_key(string first, string second)
    {
        var a = RecipeOf(first);
        var b = RecipeOf(second);
        Assert.NotEqual(a, b);

        Assert.Equal(CellKeyParser.Parse(a).Key, CellKeyParser.Parse(b).Key);
    }

    [Fact]
    public void Renaming_reordering_and_permuting_commutative_inputs_keep_the_key()
    {
        const string written = "nlp-cell:a=linear(x h_prev_0);b=tanh(a);c=linear(h_prev_0 b);d=linear(x h_prev_0);e=sigm(d);h_new_0=blend(e c b)";
        const string shuffled = "nlp-cell: h_new_0 = blend(gate, mix, act) ; gate=activation_sigm(lin2) ; mix=linear(act, h_prev_0) ; lin2=linear(h_prev_0 x) ; act=activation_tanh(lin1) ; lin1=linear(h_prev_0 x)";

        var cell = CellKeyParser.Parse(written);

        Assert.Equal(cell.Key, CellKeyParser.Parse(shuffled).Key);
        Assert.Equal(cell.Key, CellKeyParser.Parse(cell.Key).Key);
        Assert.StartsWith(NlpCell.Prefix, cell.Key, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("h_new_0=blend(e c b)", "h_new_0=blend(c e b)")]   // a blend's inputs are (z, a, b): order matters
    [InlineData("h_new_0=blend(e c b)", "h_new_0=blend(e b c)")]
    [InlineData("e=sigm(d)", "e=tanh(d)")]                          // another activation
    [InlineData("c=linear(h_prev_0 b)", "c=linear(x b)")]           // another input
    public void Different_graphs_get_different_keys(string part, string replacement)
    {
        const string cell = "nlp-cell:a=linear(x h_prev_0);b=tanh(a);c=linear(h_prev_0 b);d=linear(x h_prev_0);e=sigm(d);h_new_0=blend(e c b)";

        Assert.NotEqual(CellKeyParser.Parse(cell).Key, CellKeyParser.Parse(cell.Replace(part, replacement, StringComparison.Ordinal)).Key);
    }

    [Fact]
    public void Two_alike_nodes_stay_two_nodes_and_differ_from_one_shared_node()
    {
        // Two linears reading the same inputs have their own weights: not the same cell as one linear read twice.
        var twins = CellKeyParser.Parse("nlp-cell:a=linear(x h_prev_0);b=linear(x h_prev_0);c=tanh(a);d=sigm(b);h_new_0=sum(c d)");
        var shared = CellKeyParser.Parse("nlp-cell:a=linear(x h_prev_0);c=tanh(a);d=sigm(a);h_new_0=sum(c d)");
        var swapped = CellKeyParser.Parse("nlp-cell:b=linear(h_prev_0 x);a=linear(x h_prev_0);c=tanh(b);d=sigm(a);h_new_0=sum(d c)");

        Assert.Equal(5, twins.Nodes.Count);
        Assert.Equal(4, shared.Nodes.Count);
        Assert.NotEqual(twins.Key, shared.Key);
        Assert.Equal(twins.Key, swapped.Key);
    }

    [Fact]
    public void Nodes_no_output_depends_on_are_dropped()
    {
        var cell = CellKeyParser.Parse("nlp-cell:a=linear(x h_prev_0);dead=sigm(a);h_new_0=tanh(a)");

        Assert.Equal("nlp-cell:n0=linear(x h_prev_0);h_new_0=tanh(n0)", cell.Key);
    }

    [Fact]
    public void A_recipe_in_json_and_its_key_are_the_same_cell_and_the_key_reads_back()
    {
        var recipe = RecipeOf("1000001"); // the release's LSTM, with nodes named i, j, f, o, h_new_1_part1, …
        var cell = CellKeyParser.Parse(recipe);

        Assert.Equal(2, cell.HiddenStates);
        Assert.Equal(13, cell.Nodes.Count);
        Assert.Equal(cell.Key, CellKeyParser.Parse(cell.Key).Key);
        var exported = JsonConvert.SerializeObject(cell.ToNamedNodes().ToDictionary(n => n.Name, n => new { op = CellOps.RecipeName(n.Op), input = n.Inputs }));
        Assert.Equal(cell.Key, CellKeyParser.Parse(exported).Key);
    }

    [Fact]
    public void Every_generated_cell_passes_the_releases_sanity_checks_and_reads_back()
    {
        var random = new DeterministicRandom(5);
        for (var i = 0; i < 200; i++)
        {
            var cell = RecipeGenerator.Sample(random);
            var inputs = cell.Nodes.SelectMany(n => n.Inputs).ToHashSet();
            Assert.Contains(CellSlots.Input, inputs);
            Assert.All(Enumerable.Range(0, cell.HiddenStates), j => Assert.Contains(CellSlots.Previous(j), inputs));
            Assert.DoesNotContain(cell.Nodes, n => n.IsOutput && n.Inputs.Any(s => s is > CellSlots.Input and < CellSlots.FirstNode));
            Assert.InRange(cell.Nodes.Count, 2, 25);
            Assert.Equal(cell.Key, CellKeyParser.Parse(cell.Key).Key);
        }

        Assert.Equal(RecipeGenerator.Sample(new DeterministicRandom(9)).Key, RecipeGenerator.Sample(new DeterministicRandom(9)).Key);
    }

    [Theory]
    [InlineData("n0=linear(x h_prev_0);h_new_0=tanh(n0)", "starts with 'nlp-cell:'")]
    [InlineData("nlp-cell:n0=linear(x h_prev_0);h_new_0 tanh(n0)", "definition 2 ('h_new_0 tanh(n0)') is not NAME=OP(INPUT …)")]
    [InlineData("nlp-cell:n0=conv(x h_prev_0);h_new_0=tanh(n0)", "'conv' in definition 1 is not an operation")]
    [InlineData("nlp-cell:n0=linear(x h_prev_0);h_new_0=tanh(n9)", "'h_new_0' reads 'n9', which is not defined")]
    [InlineData("nlp-cell:n0=linear(x n1);n1=tanh(n0);h_new_0=sigm(n1)", "the nodes form a cycle")]
    [InlineData("nlp-cell:n0=linear(x);h_new_0=tanh(n0)", "'n0' = linear takes 2–3 inputs, not 1")]
    [InlineData("nlp-cell:n0=linear(x h_prev_0);h_new_0=prod(x n0)", "only linear nodes read the cell's input x")]
    [InlineData("nlp-cell:n0=linear(x h_prev_1);h_new_0=tanh(n0)", "reads h_prev_1, but the cell has 1 hidden state(s)")]
    [InlineData("nlp-cell:n0=linear(x h_prev_0);h_new_1=tanh(n0)", "h_new_0 is missing")]
    [InlineData("nlp-cell:n0=linear(x h_prev_0);n0=tanh(n0);h_new_0=sigm(n0)", "'n0' is defined twice")]
    [InlineData("nlp-cell:n0=linear(x h_prev_0);n1=sum(n0 n0);h_new_0=sigm(n1)", "reads the same input twice")]
    [InlineData("nlp-cell:n0=linear(x h_prev_0)", "no output")]
    [InlineData("{\"h_new_0\": {\"op\": \"activation_tanh\"}}", "node 'h_new_0' has no 'input' array")]
    [InlineData("{\"h_new_0\": [1, 2]", "the recipe is not valid JSON")]
    public void A_bad_cell_is_refused_with_what_is_wrong(string key, string expected)
    {
        var error = Assert.Throws<MotifFormatException>(() => CellKeyParser.Parse(key));

        Assert.Equal(key, error.Key);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
