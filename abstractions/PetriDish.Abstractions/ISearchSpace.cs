namespace PetriDish.Abstractions;

/// <summary>
/// A space of motifs: how to read, draw, change and describe them, how to build them into tiny
/// motif-networks (for the Petri dish) and how to measure them for real (the ground truth).
/// </summary>
/// <remarks>
/// Creating a search space must be cheap and must not allocate tensors or read large data: the host
/// creates one while validating a manifest. Load data lazily, on the first ground-truth evaluation.
/// </remarks>
public interface ISearchSpace
{
    /// <summary>A short human description, e.g. <c>sigmoid-slope c ∈ [0.01, 2.01]</c>.</summary>
    string Description { get; }

    /// <summary>Parses a canonical key. Throws <see cref="MotifFormatException"/> naming what is wrong.</summary>
    IMotif Parse(string key);

    /// <summary>Draws a motif uniformly (or per the space's declared prior).</summary>
    IMotif Sample(Random random);

    /// <summary>A small random change of <paramref name="motif"/>; a valid motif of this space.</summary>
    IMotif Mutate(IMotif motif, Random random);

    /// <summary>The length of <see cref="Encode"/>'s result, the same for every motif.</summary>
    int EncodingLength { get; }

    /// <summary>A fixed-length numeric description of the motif, the input of encoding-based predictors.</summary>
    IReadOnlyList<double> Encode(IMotif motif);

    /// <summary>For a one-parameter family (e.g. a sigmoid's slope): the axis along which motifs lie; otherwise null.</summary>
    IMotifAxis? Axis { get; }

    /// <summary>For spaces with a token-sequence form (used by NAO); otherwise null.</summary>
    ITokenForm? Tokens { get; }

    /// <summary>Builds batched, functional motif-networks for the Petri dish.</summary>
    IMotifNetworkFactory MotifNetworks { get; }

    /// <summary>Trains a motif in the full-size setting and measures it.</summary>
    IGroundTruthEvaluator GroundTruth { get; }
}
