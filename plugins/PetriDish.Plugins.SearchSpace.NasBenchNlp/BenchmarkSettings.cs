using System.ComponentModel;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>The ground truth: the release's training logs, looked up instead of trained.</summary>
public sealed class BenchmarkSettings
{
    [Description("The release's WikiText-2 training logs: a folder of log_stats_model_*.json files, or the zip as published (train_logs_wikitext-2/logs.zip), relative to the manifest. Without it the space samples and ranks cells but has no ground truth.")]
    public string? Logs { get; init; }

    [Description("A cell's value: the validation perplexity after the 'last' epoch (default), or the 'min' over the epochs (early stopping). At fidelity e epochs: after epoch e, or the min over epochs 1…e.")]
    public EpochValue Value { get; init; } = EpochValue.Last;

    [Description("With logs: sample, mutate and decode only cells the table holds, and refuse other cells as motifs of this space (default). False lets any valid cell through; its evaluation then fails, naming the cell.")]
    public bool OnlyTabulated { get; init; } = true;
}
