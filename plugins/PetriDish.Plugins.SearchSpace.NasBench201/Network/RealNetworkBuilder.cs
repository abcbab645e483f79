using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>Builds a cell's real network (<see cref="RealNetwork"/>) for zero-cost proxies.</summary>
public sealed class RealNetworkBuilder(RealNetworkSettings settings) : IRealNetworks
{
    public IReadOnlyList<long> InputShape { get; } = [3, settings.ImageSize, settings.ImageSize];

    /// <summary>
    /// The network with PyTorch's default initialisation (convolution and linear weights and biases
    /// uniform in ±1/√fan-in, batch norm 1 and 0), drawn from <paramref name="generator"/>.
    /// </summary>
    public nn.Module<Tensor, Tensor> Build(IMotif motif, RealNetworkOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(generator);
        var cell = motif as Nb201Cell ?? throw new ArgumentException($"'{motif?.Key}' is not a NAS-Bench-201 cell", nameof(motif));
        var network = new RealNetwork(cell, settings, options.BatchNorm);
        using (no_grad())
        {
            foreach (var (_, module) in network.named_modules())
            {
                var (weight, bias) = module switch
                {
                    Conv2d conv => (conv.weight, conv.bias),
                    Linear linear => (linear.weight, linear.bias),
                    _ => (null, null),
                };
                if (weight is null)
                {
                    continue;
                }

                var bound = 1 / Math.Sqrt(weight.shape.Skip(1).Aggregate(1L, (n, d) => n * d));
                weight.uniform_(-bound, bound, generator);
                bias?.uniform_(-bound, bound, generator);
            }
        }

        return network;
    }
}
