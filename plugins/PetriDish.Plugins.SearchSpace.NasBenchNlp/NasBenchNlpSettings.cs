using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>Settings of the <c>nas-bench-nlp</c> search space.</summary>
public sealed class NasBenchNlpSettings
{
    [Description("The ground truth: the release's training logs.")]
    public BenchmarkSettings GroundTruth { get; init; } = new();

    [Description("The Petri dish's motif-network.")]
    public GraphNetworkSettings MotifNetwork { get; init; } = new();

    [Description("The most nodes a cell may have: sets the padded size of encodings, token sequences and the dish's program (the release's generator makes at most 25; its WikiText-2 cells have at most 15).")]
    [Range(2, 64)]
    public int MaxNodes { get; init; } = 25;
}
