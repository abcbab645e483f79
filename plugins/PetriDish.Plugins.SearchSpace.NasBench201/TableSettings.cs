using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBench201;

/// <summary>The ground truth: the benchmark's recorded results, looked up instead of trained.</summary>
public sealed class TableSettings
{
    [Description("A CSV of the benchmark's results, relative to the manifest: an 'arch' column (the architecture string), optionally 'index', and numeric columns named <metric>_<epochs> (valid_accuracy_200, train_seconds_200, valid_accuracy_12, …). Without it, the CIFAR-10 table that ships with the plugin (data/cifar10-valid.csv).")]
    public string? Table { get; init; }

    [Description("The metric a cell is scored by: the <metric> part of the table's column names.")]
    [RegularExpression("^[A-Za-z][A-Za-z0-9_]*$")]
    public string Metric { get; init; } = "valid_accuracy";

    [Description("The epochs of the full ground truth: the value is read from column <metric>_<epochs>. A lower fidelity of e epochs reads <metric>_<e>.")]
    [Range(1, 10000)]
    public int Epochs { get; init; } = 200;

    [Description("Whether a higher or a lower value of the metric is better.")]
    public MetricGoal Goal { get; init; } = MetricGoal.Maximize;
}
