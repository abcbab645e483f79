using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;

/// <summary>
/// The NAS-Bench-NLP ground truth: a cell's validation perplexity on WikiText-2 as the release
/// recorded it (a 3-layer language model with the cell, trained 50 epochs on a GPU), looked up, not
/// trained. Fidelity = epochs: the same logs give the perplexity after epoch e. A cell trained twice
/// gets the geometric mean of its runs' perplexities (the mean of their losses), and the runs' own
/// values in the details. A cell whose every run diverged (<c>loss is nan!</c>) is a failed
/// evaluation with that reason.
/// </summary>
public sealed class BenchmarkGroundTruth(Lazy<LogTable> table, EpochValue value) : ITabulatedGroundTruth
{
    public GroundTruthMetric Metric { get; } = new("validation-perplexity", MetricGoal.Minimize);

    public string ConfigurationKey => $"nas-bench-nlp/v1;value={value.ToString().ToLowerInvariant()};logs={table.Value.Fingerprint}";

    public IReadOnlyList<IMotif> Tabulated => [.. table.Value.Cells.Select(c => c.Cell)];

    /// <summary>The epochs the release trained every cell for (50): the full fidelity.</summary>
    public int Epochs => table.Value.Cells.SelectMany(c => c.Runs).Max(r => r.ValidationLosses.Count);

    public Task<GroundTruthResult> EvaluateAsync(IMotif motif, Fidelity fidelity, int seed, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motif);
        ArgumentNullException.ThrowIfNull(fidelity);
        var cell = motif as NlpCell ?? throw new ArgumentException($"'{motif.Key}' is not a NAS-Bench-NLP cell", nameof(motif));
        var logs = table.Value;
        var entry = logs.Find(cell.Key)
            ?? throw new KeyNotFoundException($"{cell.Key} is not in the NAS-Bench-NLP table ({logs.Cells.Count} cells from {logs.Source}): the release never trained it");
        var epoch = EpochOf(fidelity);
        var losses = new List<double>();
        var details = new Dictionary<string, double> { ["epochs"] = epoch, ["runs"] = entry.Runs.Count };
        for (var r = 0; r < entry.Runs.Count; r++)
        {
            var run = entry.Runs[r];
            if (Loss(run, epoch) is { } loss)
            {
                losses.Add(loss);
                details[$"run{r + 1}_perplexity"] = Math.Exp(loss);
            }

            details[$"run{r + 1}_gpu_seconds"] = run.WallTimes.Take(epoch).Sum();
        }

        details["diverged_runs"] = entry.Runs.Count - losses.Count;
        details["parameters"] = entry.Runs[0].Parameters;
        if (losses.Count == 0)
        {
            var run = entry.Runs[0];
            var finite = run.ValidationLosses.TakeWhile(double.IsFinite).Count();
            throw new BenchmarkRunFailedException(string.Create(CultureInfo.InvariantCulture,
                $"the release's training of this cell failed by epoch {epoch} ('{run.Status}' in {string.Join(", ", entry.Runs.Select(x => x.File))}; {finite} epoch(s) with a finite validation loss)"));
        }

        progress?.Report(new ProgressUpdate(1, "looked up"));
        return Task.FromResult(new GroundTruthResult(Math.Exp(losses.Average()), details));
    }

    /// <summary>The run's validation loss at <paramref name="epoch"/> (per <see cref="EpochValue"/>), or null if it had diverged by then.</summary>
    private double? Loss(TrainingRun run, int epoch)
    {
        if (run.LossAfter(epoch) is not { } last || (epoch == run.ValidationLosses.Count && run.Status != TrainingRun.Completed))
        {
            return null;
        }

        return value == EpochValue.Last ? last : Enumerable.Range(1, epoch).Select(e => run.LossAfter(e)).Min();
    }

    private int EpochOf(Fidelity fidelity)
    {
        if (fidelity.DataFraction < 1)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the benchmark has no runs on part of the data (data fraction {fidelity.DataFraction}); its low fidelity is fewer epochs (dataFraction 1, epochs 1…{Epochs})"));
        }

        if (fidelity.Epochs is not { } epochs)
        {
            return Epochs;
        }

        var whole = (int)Math.Round(epochs);
        if (Math.Abs(epochs - whole) > 1e-9 || whole < 1 || whole > Epochs)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"the benchmark records the perplexity after each whole epoch 1…{Epochs}; {epochs} epochs is not one of them"));
        }

        return whole;
    }
}
