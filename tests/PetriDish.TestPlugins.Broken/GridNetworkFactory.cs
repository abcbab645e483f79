using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.TestPlugins.Broken;

/// <summary>One linear layer scaled by the motif's position; with <paramref name="dropMotifDimension"/> its forward sums over the motifs.</summary>
public sealed class GridNetworkFactory(bool dropMotifDimension) : IMotifNetworkFactory
{
    public MotifNetworkOptions DefaultOptions { get; } = new() { Width = 1, SampleShape = [3], OutputSize = 1 };

    public IReadOnlyList<Tensor> CreateInitialParameters(MotifNetworkOptions options, Generator generator, Device device, ScalarType dtype)
    {
        using var scale = options.InitScale.ToScalar(); // held for the native call (see HeldScalars)
        return [randn([options.SampleShape[0], options.OutputSize], dtype: dtype, device: device, generator: generator).mul_(scale)];
    }

    public IMotifNetwork Create(IReadOnlyList<IMotif> motifs, MotifNetworkOptions options, Device device, ScalarType dtype) =>
        new GridNetwork(tensor(motifs.Select(m => (((GridMotif)m).Position + 1) / 10.0).ToArray(), dtype: dtype, device: device), dropMotifDimension);

    private sealed class GridNetwork(Tensor scales, bool dropMotifDimension) : IMotifNetwork
    {
        public int Count => (int)scales.shape[0];

        public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs)
        {
            var logits = matmul(inputs.unsqueeze(0), parameters[0]) * scales.view(-1, 1, 1);
            return dropMotifDimension ? logits.sum(dim: 0) /* sum(0) would bind to sum(ScalarType) */ : logits;
        }

        public void Dispose() => scales.Dispose();
    }
}
