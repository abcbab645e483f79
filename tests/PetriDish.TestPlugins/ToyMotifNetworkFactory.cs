using PetriDish.Abstractions;
using static TorchSharp.torch;

namespace PetriDish.TestPlugins;

/// <summary>One linear layer whose pre-activation is scaled by the motif's position: tiny, batched and functional.</summary>
public sealed class ToyMotifNetworkFactory : IMotifNetworkFactory
{
    public MotifNetworkOptions DefaultOptions { get; } = new() { Width = 1, SampleShape = [4], OutputSize = 2 };

    public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype)
    {
        var inputs = options.SampleShape[0];
        return [randn([inputs, options.OutputSize], dtype: dtype, device: device, generator: generator) * options.InitScale];
    }

    public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype) =>
        new ToyMotifNetwork(tensor(motifs.Select(m => (((ToyMotif)m).Position + 1) / 10.0).ToArray(), dtype: dtype, device: device));

    private sealed class ToyMotifNetwork(Tensor scales) : IMotifNetwork
    {
        public int Count => (int)scales.shape[0];

        public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs) =>
            matmul(inputs.unsqueeze(0), parameters[0]) * scales.view(-1, 1, 1);

        public void Dispose() => scales.Dispose();
    }
}
