using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201;
using PetriDish.Plugins.SearchSpace.NasBench201.Table;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.NasBench201;

public sealed class TableGroundTruthTests : IDisposable
{
    private const string Header = "index,arch,valid_accuracy_200,test_accuracy_200,train_seconds_200,valid_accuracy_12,test_accuracy_12";
    private const string Row0 = "0,|avg_pool_3x3~0|+|nor_conv_1x1~0|skip_connect~1|+|nor_conv_1x1~0|skip_connect~1|skip_connect~2|,81.9827,81.52,1444.2186,63.364,69.55";
    private const string Row1 = "1,|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|,90.7693,90.5133,2169.6414,82.834,88.22";
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static NasBench201SearchSpace SpaceOn(string table, string metric = "valid_accuracy") =>
        new(new NasBench201Settings { GroundTruth = new TableSettings { Table = table, Metric = metric } }, TestContexts.Plugin());

    [Fact]
    public async Task A_row_of_the_shipped_table_reads_back_exactly_at_each_fidelity_with_its_training_time()
    {
        var space = SpaceOn(RepoPaths.NasBench201Table);
        var cell = space.Parse("nb201:1");

        var full = await space.GroundTruth.EvaluateAsync(cell, Fidelity.Full, seed: 0, progress: null, CancellationToken.None);
        var twelve = await space.GroundTruth.EvaluateAsync(cell, new Fidelity { Epochs = 12 }, seed: 0, progress: null, CancellationToken.None);
        var test = await SpaceOn(RepoPaths.NasBench201Table, "test_accuracy").GroundTruth.EvaluateAsync(cell, Fidelity.Full, seed: 5, progress: null, CancellationToken.None);

        Assert.Equal(90.7693, full.Value);
        Assert.Equal(2169.6414, full.Details!["train_seconds"]);
        Assert.Equal(82.834, twelve.Value);
        Assert.Equal(2169.6414 * 12 / 200, twelve.Details!["train_seconds"], 9);
        Assert.Equal(1, twelve.Details["train_seconds_estimated"]);
        Assert.Equal(90.5133, test.Value);
        Assert.Equal(15_625, ((ITabulatedGroundTruth)space.GroundTruth).Tabulated.Count);
        Assert.Equal("valid-accuracy", space.GroundTruth.Metric.Name);
        Assert.Equal(MetricGoal.Maximize, space.GroundTruth.Metric.Goal);
    }

    [Fact]
    public async Task A_fidelity_the_table_lacks_and_a_cell_it_lacks_are_errors_naming_the_table()
    {
        var table = _temp.Write("two.csv", $"{Header}\n{Row0}\n{Row1}\n");
        var space = SpaceOn(table);

        var epochs = await Assert.ThrowsAsync<ArgumentException>(() => space.GroundTruth.EvaluateAsync(space.Parse("nb201:1"), new Fidelity { Epochs = 50 }, 0, null, CancellationToken.None));
        var missing = await Assert.ThrowsAsync<KeyNotFoundException>(() => space.GroundTruth.EvaluateAsync(space.Parse("nb201:none,none,none,none,none,none"), Fidelity.Full, 0, null, CancellationToken.None));

        Assert.Contains($"the table {table} records valid_accuracy after 12 or 200 epochs; 50 is not one of them", epochs.Message, StringComparison.Ordinal);
        Assert.Contains($"is not in the NAS-Bench-201 table {table} (2 cells)", missing.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("index,architecture,valid_accuracy_200\n0,x,1\n", ":1: no 'arch' column (the architecture string); the header names 'index', 'architecture', 'valid_accuracy_200'")]
    [InlineData(Header + "\n" + Row0 + "\n1,|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|,90.7693,n/a,2169.6414,82.834,88.22\n", ":3, column 'test_accuracy_200': 'n/a' is not a finite number")]
    [InlineData(Header + "\n" + Row0 + "\n1,|nor_conv_3x3~0|+|nor_conv_3x3~0|,90.7693,90.5133,2169.6414,82.834,88.22\n", ":3, column 'arch': an architecture string lists 3 nodes")]
    [InlineData(Header + "\n" + Row0 + "\n" + Row1 + "\n2,|nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2|,1,2,3,4,5\n", ":4, column 'arch': |nor_conv_3x3~0|+|nor_conv_3x3~0|avg_pool_3x3~1|+|skip_connect~0|nor_conv_3x3~1|skip_connect~2| is already on line 3")]
    [InlineData(Header + "\n" + Row0 + "\n1,2,3\n", ":3: 3 fields where the header names 7")]
    [InlineData(Header + "\n" + Row0 + "\n1,\"|nor_conv_3x3~0|,1,2,3,4,5\n" + Row1 + "\n", ":3: a quoted field opened on this line is not closed on it")]
    public void A_malformed_table_is_refused_naming_file_line_and_column(string text, string problem)
    {
        var table = _temp.Write("bad.csv", text);

        var refused = Assert.Throws<InvalidDataException>(() => BenchmarkTable.Load(table));

        Assert.True(refused.Message.Contains(table + problem, StringComparison.Ordinal), refused.Message);
    }

    [Fact]
    public void A_table_without_the_requested_metric_names_what_it_holds()
    {
        var table = BenchmarkTable.Load(_temp.Write("two.csv", $"{Header}\n{Row0}\n{Row1}\n"));

        var problem = TableGroundTruth.ProblemWith(table, new TableSettings { Metric = "valid_acc" });

        Assert.Equal($"{table.Source}:1: no column 'valid_acc_200' (metric 'valid_acc' at 200 epochs); the table holds test_accuracy at 12, 200 epochs; train_seconds at 200 epochs; valid_accuracy at 12, 200 epochs", problem);
    }
}
