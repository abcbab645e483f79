using System.IO.Compression;
using System.Text.Json;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.NasBenchNlp;

public sealed class BenchmarkGroundTruthTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The log's cell and validation losses, read with nothing but System.Text.Json (Python's NaN read as NaN).</summary>
    private static (NlpCell Cell, double[] Losses) Log(string id)
    {
        var text = File.ReadAllText(Directory.GetFiles(RepoPaths.NasBenchNlpSample, $"log_stats_model_{id}_*.json").Single());
        using var document = JsonDocument.Parse(text.Replace("NaN", "null"));
        var losses = document.RootElement.GetProperty("val_losses").EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? double.NaN : v.GetDouble()).ToArray();
        return (CellKeyParser.Parse(document.RootElement.GetProperty("recepie").GetString()!), losses);
    }

    private static BenchmarkGroundTruth GroundTruth(string path, EpochValue value = EpochValue.Last) => new(new Lazy<LogTable>(() => LogTable.Load(path)), value);

    private static double Value(IGroundTruthEvaluator groundTruth, IMotif cell, Fidelity? fidelity = null) =>
        groundTruth.EvaluateAsync(cell, fidelity ?? Fidelity.Full, seed: 0, null, CancellationToken.None).GetAwaiter().GetResult().Value;

    [Fact]
    public void The_sample_loads_alike_from_its_folder_and_from_its_zip()
    {
        var folder = LogTable.Load(RepoPaths.NasBenchNlpSample);
        var zip = LogTable.Load(RepoPaths.NasBenchNlpSampleZip);

        Assert.Equal(19, folder.Files);
        Assert.Equal(19, zip.Files);
        // 19 logs, 15 cells: one cell trained three times, two cells whose recipes differ only in names and order.
        Assert.Equal(15, folder.Cells.Count);
        Assert.Equal(folder.Cells.Select(c => c.Cell.Key), zip.Cells.Select(c => c.Cell.Key));
        Assert.Equal([3, 2, 2], folder.Cells.Select(c => c.Runs.Count).Where(r => r > 1).Order().Reverse());
        Assert.Equal(folder.Fingerprint, zip.Fingerprint);
    }

    [Fact]
    public void A_tabulated_value_and_every_epoch_read_back_exactly()
    {
        var (cell, losses) = Log("1008585");
        var groundTruth = GroundTruth(RepoPaths.NasBenchNlpSample);

        Assert.Equal(Math.Exp(losses[^1]), Value(groundTruth, cell), 12);
        Assert.Equal(50, losses.Length);
        foreach (var epoch in new[] { 1, 3, 17, 50 })
        {
            Assert.Equal(Math.Exp(losses[epoch - 1]), Value(groundTruth, cell, new Fidelity { Epochs = epoch }), 12);
        }

        var best = GroundTruth(RepoPaths.NasBenchNlpSample, EpochValue.Min);
        Assert.Equal(Math.Exp(losses.Min()), Value(best, cell), 12);
        Assert.Equal(Math.Exp(losses.Take(3).Min()), Value(best, cell, new Fidelity { Epochs = 3 }), 12);
        Assert.NotEqual(groundTruth.ConfigurationKey, best.ConfigurationKey);
    }

    [Fact]
    public async Task A_cell_trained_several_times_gets_the_geometric_mean_of_its_runs()
    {
        var runs = new[] { "1001794", "1003794", "1005794" }.Select(Log).ToList();
        Assert.Single(runs.Select(r => r.Cell.Key).Distinct());

        var result = await GroundTruth(RepoPaths.NasBenchNlpSample).EvaluateAsync(runs[0].Cell, Fidelity.Full, 0, null, CancellationToken.None);

        Assert.Equal(Math.Exp(runs.Average(r => r.Losses[^1])), result.Value, 12);
        Assert.Equal(3, result.Details!["runs"]);
        Assert.Equal(Math.Exp(runs[0].Losses[^1]), result.Details["run1_perplexity"], 12);
        Assert.True(result.Details["run1_gpu_seconds"] > 1000);
    }

    [Fact]
    public void A_diverged_run_fails_with_the_releases_reason_but_its_early_epochs_are_a_real_low_fidelity()
    {
        var groundTruth = GroundTruth(RepoPaths.NasBenchNlpSample);
        var (late, lateLosses) = Log("1007257");   // NaN at epoch 19
        var (early, _) = Log("1009703");           // NaN at epoch 1

        var failure = Assert.Throws<BenchmarkRunFailedException>(() => Value(groundTruth, late));
        Assert.Contains("'loss is nan!'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("18 epoch(s) with a finite validation loss", failure.Message, StringComparison.Ordinal);
        Assert.Equal(Math.Exp(lateLosses[17]), Value(groundTruth, late, new Fidelity { Epochs = 18 }), 12);
        Assert.Throws<BenchmarkRunFailedException>(() => Value(groundTruth, late, new Fidelity { Epochs = 19 }));
        Assert.Throws<BenchmarkRunFailedException>(() => Value(groundTruth, early, new Fidelity { Epochs = 1 }));
    }

    [Theory]
    [InlineData(null, 0.5, "no runs on part of the data")]
    [InlineData(2.5, 1.0, "2.5 epochs is not one of them")]
    [InlineData(51.0, 1.0, "after each whole epoch 1…50")]
    public void A_fidelity_the_table_does_not_hold_is_refused(double? epochs, double fraction, string expected)
    {
        var (cell, _) = Log("1008585");

        var error = Assert.Throws<ArgumentException>(() => Value(GroundTruth(RepoPaths.NasBenchNlpSample), cell, new Fidelity { Epochs = epochs, DataFraction = fraction }));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_the_release_never_trained_is_named_in_the_error()
    {
        var cell = CellKeyParser.Parse("nlp-cell:n0=linear(x h_prev_0);h_new_0=leaky_relu(n0)");

        var error = Assert.Throws<KeyNotFoundException>(() => Value(GroundTruth(RepoPaths.NasBenchNlpSample), cell));

        Assert.Contains("nlp-cell:n0=linear(x h_prev_0);h_new_0=leaky_relu(n0) is not in the NAS-Bench-NLP table (15 cells", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Logs_that_cannot_be_read_are_refused_naming_the_path_or_every_bad_file()
    {
        var missing = Assert.Throws<FileNotFoundException>(() => LogTable.Load(_temp.File("nowhere.zip")));
        Assert.Contains("nowhere.zip' do not exist", missing.Message, StringComparison.Ordinal);

        var emptyZip = _temp.File("empty.zip");
        using (var archive = ZipFile.Open(emptyZip, ZipArchiveMode.Create))
        {
            archive.CreateEntry("README.txt");
        }

        Assert.Contains("holds no NAS-Bench-NLP training logs", Assert.Throws<InvalidDataException>(() => LogTable.Load(emptyZip)).Message, StringComparison.Ordinal);
        Assert.Contains("is neither a folder nor a zip archive", Assert.Throws<InvalidDataException>(() => LogTable.Load(_temp.Write("logs.zip", "not a zip"))).Message, StringComparison.Ordinal);

        var folder = _temp.File("corrupt");
        TempDirectory.Copy(RepoPaths.NasBenchNlpSample, folder);
        var bad = Directory.GetFiles(folder, "log_stats_model_1008585_*.json").Single();
        File.WriteAllText(bad, File.ReadAllText(bad).Replace("\\\"activation_tanh\\\"", "\\\"activation_swish\\\"", StringComparison.Ordinal));
        var truncated = Directory.GetFiles(folder, "log_stats_model_1003096_*.json").Single();
        File.WriteAllText(truncated, File.ReadAllText(truncated)[..300]);

        var error = Assert.Throws<InvalidDataException>(() => LogTable.Load(folder));

        Assert.Contains("2 of the 19 logs", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(bad)}: recepie: node ", error.Message, StringComparison.Ordinal);
        Assert.Contains("'activation_swish', which is not an operation", error.Message, StringComparison.Ordinal);
        Assert.Contains($"{Path.GetFileName(truncated)}: not JSON", error.Message, StringComparison.Ordinal);
    }
}
