using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.ZeroCost;

/// <summary>The proxies: scores of an untrained network that need no data and no training.</summary>
public static class ZeroCostProxies
{
    /// <summary>Synflow: the synaptic flow through the network's weights (Tanaka et al. 2020).</summary>
    public const string Synflow = "synflow";

    /// <summary>The parameter count.</summary>
    public const string Params = "params";

    /// <summary>Every proxy's name.</summary>
    public static IReadOnlyList<string> Names { get; } = [Synflow, Params];

    /// <summary>
    /// Synflow as its authors and NASLib compute it: every parameter replaced by its absolute value,
    /// in float64, an input of ones (one sample of <paramref name="inputShape"/>), R = the sum of the
    /// outputs, and the score Σ |θ ⊙ ∂R/∂θ| over the weights of the convolutions and linear layers (the
    /// parameters with two dimensions or more). Build the network without batch norm. The network's
    /// parameters are changed (made absolute and float64).
    /// </summary>
    public static double SynflowOf(nn.Module<Tensor, Tensor> network, IReadOnlyList<long> inputShape)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(inputShape);
        // Outside the dispose scope: the module keeps the converted parameters.
        network.to(float64);
        var parameters = network.parameters().ToList();
        using (no_grad())
        {
            foreach (var parameter in parameters)
            {
                parameter.abs_();
            }
        }

        network.zero_grad();
        using var scope = NewDisposeScope();
        var output = network.call(ones([1, .. inputShape], float64));
        output.sum().backward();
        var total = 0.0;
        foreach (var parameter in parameters.Where(p => p.dim() >= 2))
        {
            if (parameter.grad is { } gradient)
            {
                total += parameter.mul(gradient).abs_().sum().item<double>();
            }
        }

        return total;
    }

    /// <summary>The number of parameters (every trainable tensor's elements).</summary>
    public static long ParameterCountOf(nn.Module<Tensor, Tensor> network)
    {
        ArgumentNullException.ThrowIfNull(network);
        return network.parameters().Sum(p => p.numel());
    }

    /// <summary>A problem with <paramref name="proxy"/> as a proxy name, or null.</summary>
    public static string? Problem(string? proxy) =>
        proxy is not null && Names.Contains(proxy, StringComparer.Ordinal) ? null : $"unknown proxy '{proxy}' (known: {string.Join(", ", Names)})";

    /// <summary>Whether <paramref name="proxy"/> builds its network with batch norm.</summary>
    internal static RealNetworkOptions OptionsFor(string proxy) => new(BatchNorm: proxy != Synflow);
}
