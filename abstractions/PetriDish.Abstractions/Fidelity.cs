using System.Globalization;

namespace PetriDish.Abstractions;

/// <summary>
/// How much of the full ground-truth training to spend: the basis of partial (low-fidelity) evaluation.
/// </summary>
public sealed record Fidelity
{
    /// <summary>The full ground truth, as configured.</summary>
    public static Fidelity Full { get; } = new();

    /// <summary>Training epochs to run instead of the configured number; null keeps the configured number.</summary>
    public double? Epochs { get; init; }

    /// <summary>The fraction of the training data to use, in (0, 1].</summary>
    public double DataFraction { get; init; } = 1.0;

    /// <summary>True for the full ground truth.</summary>
    public bool IsFull => Epochs is null && DataFraction >= 1.0;

    /// <summary>A stable text form (<c>full</c>, or e.g. <c>epochs=1;data=0.25</c>), used in cache keys and reports.</summary>
    public override string ToString() => IsFull
        ? "full"
        : string.Create(CultureInfo.InvariantCulture, $"epochs={(Epochs is { } e ? e.ToString("R", CultureInfo.InvariantCulture) : "default")};data={DataFraction:R}");
}
