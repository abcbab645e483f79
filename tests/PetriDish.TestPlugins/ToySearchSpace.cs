using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.TestPlugins.Helpers;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.TestPlugins;

/// <remarks>
/// Its real network (for zero-cost proxies) is an MLP 1 → position + 1 → 1 with every parameter 0.5
/// (the generator is not needed), so its parameter count and synflow grow with the position.
/// </remarks>
public sealed class ToySearchSpace(ToySettings settings) : ISearchSpace, IMotifAxis, IRealNetworks
{
    private readonly ToyLandscape _landscape = new(settings.Peak);

    public string Description => $"toy integers 0..{settings.Size - 1}";

    public int EncodingLength => 1;

    public IMotifAxis? Axis => this;

    public ITokenForm? Tokens => null;

    public IMotifNetworkFactory MotifNetworks { get; } = new ToyMotifNetworkFactory();

    public IGroundTruthEvaluator GroundTruth => new ToyGroundTruth(_landscape, settings.GroundTruth);

    string IMotifAxis.Name => "position";

    double IMotifAxis.Minimum => 0;

    double IMotifAxis.Maximum => settings.Size - 1;

    public IMotif Parse(string key)
    {
        if (!key.StartsWith("toy:", StringComparison.Ordinal)
            || !int.TryParse(key.AsSpan(4), NumberStyles.None, CultureInfo.InvariantCulture, out var position))
        {
            throw new MotifFormatException(key, "expected toy:<integer>");
        }

        return position < settings.Size ? new ToyMotif(position) : throw new MotifFormatException(key, $"position must be below {settings.Size}");
    }

    public IMotif Sample(Random random) => new ToyMotif(random.Next(settings.Size));

    public IMotif Mutate(IMotif motif, Random random) =>
        new ToyMotif(Math.Clamp(((ToyMotif)motif).Position + (random.Next(2) * 2) - 1, 0, settings.Size - 1));

    public IReadOnlyList<double> Encode(IMotif motif) => [((ToyMotif)motif).Position];

    public double PositionOf(IMotif motif) => ((ToyMotif)motif).Position;

    public IMotif At(double position) => new ToyMotif((int)Math.Round(Math.Clamp(position, 0, settings.Size - 1)));

    public IReadOnlyList<long> InputShape { get; } = [1];

    public nn.Module<Tensor, Tensor> Build(IMotif motif, RealNetworkOptions options, Generator generator)
    {
        var width = ((ToyMotif)motif).Position + 1;
        var network = nn.Sequential(nn.Linear(1, width), nn.ReLU(), nn.Linear(width, 1));
        using var half = 0.5.ToScalar(); // held for the native calls (see PetriDish.Sdk.HeldScalars)
        using (no_grad())
        {
            foreach (var parameter in network.parameters())
            {
                parameter.fill_(half);
            }
        }

        return network;
    }
}
