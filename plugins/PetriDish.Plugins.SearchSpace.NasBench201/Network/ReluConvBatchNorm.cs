using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>The benchmark's ReLU → convolution (no bias) → batch norm, the batch norm optional.</summary>
internal sealed class ReluConvBatchNorm : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _conv;
    private readonly nn.Module<Tensor, Tensor>? _norm;

    public ReluConvBatchNorm(long inChannels, long outChannels, long kernel, long stride, long padding, bool batchNorm)
        : base(nameof(ReluConvBatchNorm))
    {
        _conv = nn.Conv2d(inChannels, outChannels, kernel, stride: stride, padding: padding, bias: false);
        _norm = batchNorm ? nn.BatchNorm2d(outChannels) : null;
        RegisterComponents();
    }

    public override Tensor forward(Tensor input)
    {
        using var activated = nn.functional.relu(input);
        var convolved = _conv.call(activated);
        if (_norm is null)
        {
            return convolved;
        }

        using (convolved)
        {
            return _norm.call(convolved);
        }
    }
}
