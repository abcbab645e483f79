using System.ComponentModel.DataAnnotations;

namespace PetriDish.TestPlugins;

public sealed class ToySettings
{
    [Range(1, 1000)]
    public int Size { get; init; } = 21;

    public int Peak { get; init; } = 13;

    public ToyGroundTruthSettings GroundTruth { get; init; } = new();
}

public sealed class ToyGroundTruthSettings
{
    [Range(0, 10)]
    public int Epochs { get; init; } = 1;

    /// <summary>Motif positions whose ground truth throws, to test failure handling.</summary>
    public IReadOnlyList<int> Failing { get; init; } = [];

    /// <summary>Motif positions whose ground truth returns a non-finite value (NaN for even positions, +∞ for odd).</summary>
    public IReadOnlyList<int> NonFinite { get; init; } = [];

    /// <summary>Time one evaluation takes, so that a test can kill a run in the middle of one.</summary>
    [Range(0, 60000)]
    public int DelayMilliseconds { get; init; }
}
