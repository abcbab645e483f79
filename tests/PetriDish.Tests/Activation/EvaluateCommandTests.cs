using System.Buffers.Binary;
using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Activation;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest(string dataset = "mnist", string name = "tiny.json") => _temp.Write(name, $$"""
        {
          "seed": 4,
          "device": "cpu",
          "searchSpace": { "plugin": "activation", "settings": {
            "groundTruth": { "dataset": "{{dataset}}", "trainCount": 600, "validationCount": 300, "hiddenSizes": [16], "epochs": 0.5, "batchSize": 64, "repeats": 1 } } }
        }
        """);

    private Task<CliResult> Evaluate(params string[] args) =>
        InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "evaluate", .. args, "--store", _temp.File("cache.sqlite")]);

    [Fact]
    public async Task A_grid_is_written_as_csv_with_a_plot_and_a_second_call_is_served_from_the_cache()
    {
        var manifest = Manifest();
        var csv = _temp.File("curve.csv");

        var first = await Evaluate(manifest, "--grid", "3", "--out", csv, "--plot", _temp.File("curve.png"));
        var firstCsv = File.ReadAllText(csv);
        var second = await Evaluate(manifest, "--grid", "3", "--out", csv);

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        var lines = firstCsv.Trim().Split('\n').Select(l => l.Trim()).ToList();
        Assert.Equal("motif,value", lines[0]);
        Assert.Equal(["sigmoid-slope:0.01", "sigmoid-slope:1.01", "sigmoid-slope:2.01"], lines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.All(lines.Skip(1), l => Assert.InRange(double.Parse(l.Split(',')[1], System.Globalization.CultureInfo.InvariantCulture), 0.0, 1.0));
        Assert.Contains("3 evaluated, 0 cached, 0 failed", first.Error, StringComparison.Ordinal);
        Assert.True(new FileInfo(_temp.File("curve.png")).Length > 10_000);
        Assert.True(second.ExitCode == ExitCodes.Success, second.ToString());
        Assert.Contains("0 evaluated, 3 cached, 0 failed", second.Error, StringComparison.Ordinal);
        Assert.Equal(firstCsv, File.ReadAllText(csv));
    }

    [Fact]
    public async Task Motifs_from_a_file_and_from_the_command_line_go_to_standard_output()
    {
        var manifest = Manifest();
        var list = _temp.Write("motifs.txt", "# two slopes\nsigmoid-slope:0.3\n\nsigmoid-slope:1.2\n");

        var result = await Evaluate(manifest, "--motifs", list);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        Assert.StartsWith("motif,value", result.Output, StringComparison.Ordinal);
        Assert.Contains("sigmoid-slope:0.3,", result.Output, StringComparison.Ordinal);
        Assert.Contains("sigmoid-slope:1.2,", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Random_motifs_are_distinct_and_drawn_the_same_way_from_the_same_manifest_seed()
    {
        var manifest = Manifest();

        var first = await Evaluate(manifest, "--random", "3");
        var again = await Evaluate(manifest, "--random", "3");

        Assert.True(first.ExitCode == ExitCodes.Success, first.ToString());
        var motifs = first.Output.Trim().Split('\n').Skip(1).Select(l => l.Split(',')[0]).ToList();
        Assert.Equal(3, motifs.Distinct().Count());
        Assert.All(motifs, m => Assert.StartsWith("sigmoid-slope:", m, StringComparison.Ordinal));
        Assert.Equal(first.Output, again.Output);
        Assert.Contains("0 evaluated, 3 cached, 0 failed", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Composed_functions_evaluate_and_one_that_overflows_is_written_to_the_failed_csv_with_its_reason()
    {
        var manifest = _temp.Write("expr.json", """
            {
              "seed": 4,
              "device": "cpu",
              "searchSpace": { "plugin": "activation-expression", "settings": {
                "groundTruth": { "trainCount": 600, "validationCount": 300, "hiddenSizes": [100, 100], "epochs": 1, "batchSize": 64, "learningRate": 0.01, "repeats": 1 } } }
            }
            """);
        var (values, failed) = (_temp.File("values.csv"), _temp.File("failed.csv"));

        // sigmul(id,id) is Swish's other key: the CSV names the function by its canonical key.
        var result = await Evaluate(manifest, "--motif", "expr:sigmul(id,id)", "--motif", "expr:mul(exp,exp)", "--out", values, "--failed", failed);

        Assert.Equal(ExitCodes.RuntimeFailure, result.ExitCode);
        Assert.Contains("1 evaluated, 0 cached, 1 failed", result.Error, StringComparison.Ordinal);
        var valueLines = File.ReadAllLines(values);
        Assert.Equal(2, valueLines.Length);
        // Keys hold a comma, so the CSV quotes them.
        Assert.StartsWith("\"expr:mul(id,sigmoid)\",", valueLines[1], StringComparison.Ordinal);
        var failedLines = File.ReadAllLines(failed);
        Assert.Equal("motif,error", failedLines[0]);
        Assert.Equal(2, failedLines.Length);
        Assert.StartsWith("\"expr:mul(exp,exp)\",", failedLines[1], StringComparison.Ordinal);
        Assert.Contains("TrainingDivergedException", failedLines[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--motif", "tanh-slope:0.3", "unknown activation family 'tanh-slope'")]
    [InlineData("--motif", "sigmoid-slope:3.5", "slope c 3.5 is outside [0.01, 2.01]")]
    [InlineData("--random", "0", "--random needs a positive count")]
    [InlineData("--random", "-2", "--random needs a positive count")]
    [InlineData("--random", "abc", "'abc' for option '--random' is not a whole number.")]
    [InlineData("--epochs", "fast", "'fast' for option '--epochs' is not a number")]
    public async Task A_bad_motif_or_random_count_is_a_usage_error_and_nothing_is_stored(string option, string value, string reason)
    {
        var result = await Evaluate(Manifest(), option, value);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("cache.sqlite")));
    }

    [Fact]
    public async Task An_unknown_family_in_the_settings_is_a_validation_error()
    {
        var manifest = _temp.Write("family.json", """{ "searchSpace": { "plugin": "activation", "settings": { "family": "tanh-slope" } } }""");

        var result = await Evaluate(manifest, "--motif", "sigmoid-slope:0.3");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("$.searchSpace.settings.family (plugin 'activation'): string \"tanh-slope\" is not one of", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_idx_file_is_a_validation_error_naming_it()
    {
        Directory.CreateDirectory(_temp.File("data"));
        File.WriteAllBytes(_temp.File("data/train-labels-idx1-ubyte"), [0, 0, 8, 1, 0, 0, 0, 0]);

        var result = await Evaluate(Manifest("data"), "--motif", "sigmoid-slope:0.3");

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains("$.searchSpace.settings.groundTruth.dataset (plugin 'activation'):", result.Error, StringComparison.Ordinal);
        Assert.Contains("train-images-idx3-ubyte' (or .gz) is missing", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("cache.sqlite")));
    }

    [Fact]
    public async Task A_truncated_idx_file_or_labels_that_do_not_match_the_images_fail_validation_naming_the_file_and_nothing_is_stored()
    {
        Directory.CreateDirectory(_temp.File("data"));
        var images = new byte[16 + 1000];
        images[2] = 8;
        images[3] = 3;
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(4), 1000);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(8), 28);
        BinaryPrimitives.WriteInt32BigEndian(images.AsSpan(12), 28);
        File.WriteAllBytes(_temp.File("data/train-images-idx3-ubyte"), images);
        var labels = new byte[8 + 1000];
        labels[2] = 8;
        labels[3] = 1;
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), 1000);
        File.WriteAllBytes(_temp.File("data/train-labels-idx1-ubyte"), labels);

        var truncated = await Evaluate(Manifest("data"), "--motif", "sigmoid-slope:0.3");

        Assert.Equal(ExitCodes.UsageError, truncated.ExitCode);
        Assert.Contains("$.searchSpace.settings.groundTruth.dataset (plugin 'activation'):", truncated.Error, StringComparison.Ordinal);
        Assert.Contains("train-images-idx3-ubyte is truncated", truncated.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("cache.sqlite")));

        // Whole files, but 1,000 images against 999 labels.
        File.WriteAllBytes(_temp.File("data/train-images-idx3-ubyte"), [.. images, .. new byte[(1000 * 28 * 28) - 1000]]);
        BinaryPrimitives.WriteInt32BigEndian(labels.AsSpan(4), 999);
        File.WriteAllBytes(_temp.File("data/train-labels-idx1-ubyte"), labels[..^1]);
        var mismatched = await Evaluate(Manifest("data"), "--motif", "sigmoid-slope:0.3");

        Assert.Equal(ExitCodes.UsageError, mismatched.ExitCode);
        Assert.Contains("holds 1000 images but", mismatched.Error, StringComparison.Ordinal);
        Assert.Contains("holds 999 labels", mismatched.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(_temp.File("cache.sqlite")));
    }



    [Fact]
    public async Task Giving_no_motif_or_two_kinds_of_selection_is_a_usage_error()
    {
        var none = await Evaluate(Manifest());
        var both = await Evaluate(Manifest(), "--grid", "3", "--motif", "sigmoid-slope:0.3");

        Assert.Equal(ExitCodes.UsageError, none.ExitCode);
        Assert.Equal(ExitCodes.UsageError, both.ExitCode);
        Assert.Contains("give exactly one of --motif KEY, --grid N, --motifs FILE, --random N or --all", both.Error, StringComparison.Ordinal);
    }
}
