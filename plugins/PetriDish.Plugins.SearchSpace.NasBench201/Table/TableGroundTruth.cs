using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Table;

/// <summary>
/// The NAS-Bench-201 ground truth: a cell's recorded result, looked up in the table, not trained.
/// Fidelity = epochs: <c>e</c> epochs read column <c>&lt;metric&gt;_&lt;e&gt;</c>. Every result carries the
/// benchmark's training time of the cell (<c>train_seconds</c>) — the GPU time the lookup saved.
/// </summary>
public sealed class TableGroundTruth(Lazy<BenchmarkTable> table, TableSettings settings) : ITabulatedGroundTruth
{
    public GroundTruthMetric Metric { get; } = new(settings.Metric.Replace('_', '-'), settings.Goal);

    public string ConfigurationKey => string.Create(CultureInfo.InvariantCulture,
        $"nas-bench-201/v1;metric={settings.Metric};epochs={settings.Epochs};goal={settings.Goal.ToString().ToLowerInvariant()};table={table.Value.Fingerprint}");

    public IReadOnlyList<IMotif> Tabulated => table.Value.Cells;

    public Task<GroundTruthResult> EvaluateAsync(IMotif motif, Fidelity fidelity, int seed, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motif);
        ArgumentNullException.ThrowIfNull(fidelity);
        var cell = motif as Nb201Cell ?? throw new ArgumentException($"'{motif.Key}' is not a NAS-Bench-201 cell", nameof(motif));
        var results = table.Value;
        var row = results.RowOf(cell) ?? throw new KeyNotFoundException($"{cell.Key} is not in the NAS-Bench-201 table {results.Source} ({results.Cells.Count} cells)");
        var epochs = EpochsOf(fidelity, results);
        var value = results.Value(Column(settings.Metric, epochs), row)!.Value;
        var details = new Dictionary<string, double> { ["epochs"] = epochs };
        if (results.Value(Column("train_seconds", epochs), row) is { } seconds)
        {
            details["train_seconds"] = seconds;
        }
        else if (results.Value(Column("train_seconds", settings.Epochs), row) is { } full)
        {
            // The table records the time of the full schedule only: the share of its epochs.
            details["train_seconds"] = full * epochs / settings.Epochs;
            details["train_seconds_estimated"] = 1;
        }

        progress?.Report(new ProgressUpdate(1, "looked up"));
        return Task.FromResult(new GroundTruthResult(value, details));
    }

    /// <summary>The table's column of <paramref name="metric"/> at <paramref name="epochs"/>.</summary>
    public static string Column(string metric, int epochs) => string.Create(CultureInfo.InvariantCulture, $"{metric}_{epochs}");

    /// <summary>Why the table cannot serve these settings at full fidelity, or null.</summary>
    public static string? ProblemWith(BenchmarkTable table, TableSettings settings)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(settings);
        return table.Columns.Contains(Column(settings.Metric, settings.Epochs))
            ? null
            : $"{table.Source}:1: no column '{Column(settings.Metric, settings.Epochs)}' (metric '{settings.Metric}' at {settings.Epochs} epochs); the table holds {table.Describe()}";
    }

    private int EpochsOf(Fidelity fidelity, BenchmarkTable results)
    {
        if (fidelity.DataFraction < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the benchmark has no runs on part of the data (data fraction {fidelity.DataFraction}); its low fidelity is fewer epochs (dataFraction 1, epochs {string.Join(" or ", results.EpochsOf(settings.Metric))})"));
        }

        var epochs = fidelity.Epochs is { } e ? e : settings.Epochs;
        var whole = (int)Math.Round(epochs);
        if (Math.Abs(epochs - whole) > 1e-9 || !results.Columns.Contains(Column(settings.Metric, whole)))
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the table {results.Source} records {settings.Metric} after {string.Join(" or ", results.EpochsOf(settings.Metric))} epochs; {epochs} is not one of them"));
        }

        return whole;
    }
}
