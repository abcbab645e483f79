using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The motifs of one activation family with the parameter in [min, max]; a one-dimensional space.</summary>
public sealed class ActivationSearchSpace : ISearchSpace, IMotifAxis
{
    private readonly ActivationSettings _settings;
    private readonly string _prefix;
    private readonly Lazy<MlpGroundTruth> _groundTruth;

    public ActivationSearchSpace(ActivationSettings settings, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings;
        Family = settings.Family;
        (Minimum, Maximum) = settings.Range is { Count: 2 } range ? (range[0], range[1]) : ActivationFunctions.DefaultRange(Family);
        _prefix = ActivationFunctions.Name(Family) + ":";
        MotifNetworks = new ActivationMotifNetworkFactory(Family, settings.MotifNetwork);
        // Data is read on the first ground-truth evaluation, not when the manifest is validated.
        _groundTruth = new Lazy<MlpGroundTruth>(() => new MlpGroundTruth(Family, settings.GroundTruth, context));
    }

    public ActivationFamily Family { get; }

    public double Minimum { get; }

    public double Maximum { get; }

    public string Description => string.Create(CultureInfo.InvariantCulture, $"{ActivationFunctions.Name(Family)}, {Name} ∈ [{Minimum}, {Maximum}]");

    public string Name => ActivationFunctions.ParameterName(Family);

    public int EncodingLength => 1;

    public IMotifAxis? Axis => this;

    public ITokenForm? Tokens => null;

    public IMotifNetworkFactory MotifNetworks { get; }

    public IGroundTruthEvaluator GroundTruth => _groundTruth.Value;

    public IMotif Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(_prefix, StringComparison.Ordinal))
        {
            var family = key.Contains(':', StringComparison.Ordinal) ? key[..key.IndexOf(':', StringComparison.Ordinal)] : key;
            throw new MotifFormatException(key, Enum.GetValues<ActivationFamily>().Any(f => ActivationFunctions.Name(f) == family)
                ? $"this search space holds {ActivationFunctions.Name(Family)} motifs, not {family}"
                : $"unknown activation family '{family}' (known: {string.Join(", ", Enum.GetValues<ActivationFamily>().Select(ActivationFunctions.Name))})");
        }

        var text = key[_prefix.Length..];
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new MotifFormatException(key, $"'{text}' is not a number");
        }

        return value < Minimum || value > Maximum
            ? throw new MotifFormatException(key, string.Create(CultureInfo.InvariantCulture, $"{Name} {value} is outside [{Minimum}, {Maximum}]"))
            : new ActivationMotif(Family, value);
    }

    public IMotif Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return At(Minimum + (random.NextDouble() * (Maximum - Minimum)));
    }

    public IMotif Mutate(IMotif motif, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var current = PositionOf(motif);
        // A Gaussian step of 5% of the range; reflected at the bounds so mutation never sticks to them.
        var step = 0.05 * (Maximum - Minimum) * Gaussian(random);
        var next = current + step;
        next = next < Minimum ? Minimum + (Minimum - next) : next > Maximum ? Maximum - (next - Maximum) : next;
        return At(next);
    }

    public IReadOnlyList<double> Encode(IMotif motif) => [PositionOf(motif)];

    public double PositionOf(IMotif motif) => motif is ActivationMotif m && m.Family == Family
        ? m.Parameter
        : throw new ArgumentException($"'{motif?.Key}' is not a {ActivationFunctions.Name(Family)} motif", nameof(motif));

    public IMotif At(double position) =>
        new ActivationMotif(Family, Math.Round(Math.Clamp(position, Minimum, Maximum), _settings.Decimals, MidpointRounding.AwayFromZero));

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());
}
