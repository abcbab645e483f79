using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>Integers 0 … 19, finite, with a tiny linear motif-network; breaks the rule <paramref name="fault"/> names.</summary>
public sealed class FaultySearchSpace(Fault fault) : ISearchSpace, IFiniteSearchSpace
{
    private const int Size = 20;

    public string Description => $"integers 0..{Size - 1} (test plugin, fault: {fault})";

    public int EncodingLength => 2;

    public IMotifAxis? Axis => null;

    public ITokenForm? Tokens => null;

    public IMotifNetworkFactory MotifNetworks => new GridNetworkFactory(fault == Fault.ForwardShape);

    public IGroundTruthEvaluator GroundTruth { get; } = new GridGroundTruth();

    public long Count => Size;

    public IEnumerable<IMotif> Enumerate() => Enumerable.Range(0, Size).Select(Motif);

    public IMotif Parse(string key)
    {
        if (!key.StartsWith("grid:", StringComparison.Ordinal)
            || !int.TryParse(key.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            throw new MotifFormatException(key, "expected grid:<integer>");
        }

        return position < Size ? new GridMotif(position) : throw new MotifFormatException(key, $"position must be below {Size}");
    }

    public IMotif Sample(Random random) => Motif(random.Next(Size));

    public IMotif Mutate(IMotif motif, Random random)
    {
        var position = ((GridMotif)motif).Position;
        return Motif(fault == Fault.MutationLeavesSpace ? position + (Size / 2) : Math.Clamp(position + (random.Next(2) * 2) - 1, 0, Size - 1));
    }

    public IReadOnlyList<double> Encode(IMotif motif)
    {
        var position = ((GridMotif)motif).Position;
        return fault == Fault.EncodingLength ? [position, position % 2, 1] : [position, position % 2];
    }

    private GridMotif Motif(int position) => new(position, fault == Fault.KeyRoundTrip && position < 10);
}
