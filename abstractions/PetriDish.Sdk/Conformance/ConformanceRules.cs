namespace PetriDish.Sdk.Conformance;

/// <summary>The rules <see cref="SearchSpaceConformance"/> checks, by name.</summary>
public static class ConformanceRules
{
    /// <summary><c>Parse(motif.Key).Key == motif.Key</c> for sampled motifs: a key that does not parse back breaks search, storage and resume.</summary>
    public const string KeyRoundTrip = "key-round-trip";

    /// <summary><c>Sample</c> gives motifs of the space (their keys parse), and not always the same one.</summary>
    public const string Sample = "sample";

    /// <summary><c>Mutate</c> gives motifs of the space (their keys parse back to themselves).</summary>
    public const string Mutate = "mutate-stays-in-space";

    /// <summary><c>Encode</c> has <c>EncodingLength</c> entries, all finite.</summary>
    public const string Encoding = "encoding";

    /// <summary>Where the space has a token form: tokens of the declared length and vocabulary, allowed at their position, and decoding back to the motif.</summary>
    public const string Tokens = "tokens-round-trip";

    /// <summary>Where the space has an axis: <c>At(PositionOf(m))</c> is <c>m</c>, and positions lie within the axis.</summary>
    public const string Axis = "axis";

    /// <summary>Where the space is finite: <c>Count</c> motifs enumerated, distinct, each parsing back to itself.</summary>
    public const string Finite = "finite-space";

    /// <summary>The motif-network's forward gives <c>[N, batch, OutputSize]</c> for a batch of different motifs, finite, with finite gradients.</summary>
    public const string Forward = "motif-network-forward";

    /// <summary>Where the network writes its gradient by hand (<c>IMotifNetworkGradient</c>): loss and gradients agree with autograd.</summary>
    public const string HandWrittenGradient = "hand-written-gradient";

    /// <summary>Where the network has a managed block kernel (<c>IMotifNetworkBlockGradient</c>): loss and gradient agree with autograd; with a managed meta-gradient (<c>IMotifNetworkBlockMetaGradient</c>), its input gradient and Hessian-vector products agree with autograd's second order.</summary>
    public const string BlockKernel = "block-kernel";

    /// <summary>Every rule <see cref="SearchSpaceConformance.Check"/> reports, in the order it reports them.</summary>
    public static IReadOnlyList<string> All { get; } = [Sample, KeyRoundTrip, Mutate, Encoding, Tokens, Axis, Finite, Forward, HandWrittenGradient, BlockKernel];
}
