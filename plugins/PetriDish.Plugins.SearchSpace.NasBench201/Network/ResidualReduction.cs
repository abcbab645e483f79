using PetriDish.Sdk;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>
/// The benchmark's reduction between stages (a ResNet basic block at stride 2): two ReLU-conv-BNs,
/// plus a shortcut of 2×2 average pooling and a 1×1 convolution.
/// </summary>
internal sealed class ResidualReduction : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _first;
    private readonly nn.Module<Tensor, Tensor> _second;
    private readonly nn.Module<Tensor, Tensor> _shortcut;

    public ResidualReduction(long inChannels, long outChannels, bool batchNorm)
        : base(nameof(ResidualReduction))
    {
        _first = new ReluConvBatchNorm(inChannels, outChannels, 3, 2, 1, batchNorm);
        _second = new ReluConvBatchNorm(outChannels, outChannels, 3, 1, 1, batchNorm);
        _shortcut = nn.Sequential(nn.AvgPool2d(2, stride: 2), nn.Conv2d(inChannels, outChannels, 1, bias: false));
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var reduced = _first.call(input);
        using var residual = _second.call(reduced);
        using var shortcut = _shortcut.call(input);
        return residual.add(shortcut, HeldScalars.One); // a held alpha: see HeldScalars
    }
}
