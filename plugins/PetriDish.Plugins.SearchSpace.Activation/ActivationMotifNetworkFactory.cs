using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>
/// The paper's motif-network: input → hidden (motif) → … → hidden (motif) → output (plain sigmoid,
/// returned as logits), 10 → 1 → 1 → 10 by default; functional and batched over motifs.
/// </summary>
public sealed class ActivationMotifNetworkFactory : IMotifNetworkFactory
{
    private readonly MotifNetworkSettings _settings;
    private readonly Func<IReadOnlyList<IMotif>, Device, ScalarType, NetworkActivations> _activations;

    /// <summary>Networks of one family's motifs.</summary>
    public ActivationMotifNetworkFactory(ActivationFamily family, MotifNetworkSettings settings)
        : this(settings, (motifs, device, dtype) => new FamilyActivations(family, tensor(motifs.Select(m => m is ActivationMotif a && a.Family == family
            ? a.Parameter
            : throw new ArgumentException($"'{m.Key}' is not a {ActivationFunctions.Name(family)} motif", nameof(motifs))).ToArray(), dtype: dtype, device: device)))
    {
    }

    internal ActivationMotifNetworkFactory(MotifNetworkSettings settings, Func<IReadOnlyList<IMotif>, Device, ScalarType, NetworkActivations> activations)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _activations = activations;
        DefaultOptions = new()
        {
            Width = settings.Width,
            SampleShape = [settings.InputSize],
            OutputSize = settings.OutputSize,
            InitScale = settings.InitScale,
        };
    }

    public MotifNetworkOptions DefaultOptions { get; }

    /// <summary>Weights and biases of every layer, N(0, InitScale²), as the official code draws them.</summary>
    public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sizes = LayerSizes(options);
        var parameters = new List<Tensor>();
        using var scale = options.InitScale.ToScalar(); // Held for the native calls (see HeldScalars).
        for (var layer = 0; layer + 1 < sizes.Count; layer++)
        {
            parameters.Add(randn([sizes[layer], sizes[layer + 1]], dtype: dtype, device: device, generator: generator).mul_(scale));
            parameters.Add(randn([sizes[layer + 1]], dtype: dtype, device: device, generator: generator).mul_(scale));
        }

        return parameters;
    }

    public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        return new ActivationMotifNetwork(_activations(motifs, device, dtype), LayerSizes(options));
    }

    private List<long> LayerSizes(MotifNetworkOptions options) =>
    [
        options.SampleShape[0],
        .. Enumerable.Repeat((long)options.Width, _settings.HiddenLayers),
        options.OutputSize,
    ];
}
