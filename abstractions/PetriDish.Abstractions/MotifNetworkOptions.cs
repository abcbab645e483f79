namespace PetriDish.Abstractions;

/// <summary>The size of a motif-network and of the synthetic samples it is trained on.</summary>
public sealed record MotifNetworkOptions
{
    /// <summary>Neurons per layer (1 for the paper's sigmoid study, 3 for its RNN cells).</summary>
    public required int Width { get; init; }

    /// <summary>The shape of one synthetic sample, e.g. [10] (features) or [10, 10] (time steps, inputs).</summary>
    public required IReadOnlyList<long> SampleShape { get; init; }

    /// <summary>The number of outputs (binary targets) per sample.</summary>
    public required int OutputSize { get; init; }

    /// <summary>Standard deviation of the shared initial weights θ_init (the official code draws N(0, 1)).</summary>
    public double InitScale { get; init; } = 1.0;
}
