using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Network;

/// <summary>
/// NAS-Bench-201's network around a cell: a 3×3 convolution stem with batch norm; three stages of
/// <see cref="RealNetworkSettings.CellsPerStage"/> cells at C, 2C and 4C channels joined by residual
/// reductions; batch norm, ReLU, global average pooling and a linear classifier.
/// </summary>
internal sealed class RealNetwork : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> _layers;

    public RealNetwork(Nb201Cell cell, RealNetworkSettings settings, bool batchNorm)
        : base(nameof(RealNetwork))
    {
        long channels = settings.Channels;
        var layers = new List<nn.Module<Tensor, Tensor>> { nn.Conv2d(3, channels, 3, padding: 1, bias: false) };
        if (batchNorm)
        {
            layers.Add(nn.BatchNorm2d(channels));
        }

        for (var stage = 0; stage < 3; stage++)
        {
            if (stage > 0)
            {
                layers.Add(new ResidualReduction(channels, channels * 2, batchNorm));
                channels *= 2;
            }

            for (var i = 0; i < settings.CellsPerStage; i++)
            {
                layers.Add(new RealCell(cell, channels, batchNorm));
            }
        }

        if (batchNorm)
        {
            layers.Add(nn.BatchNorm2d(channels));
        }

        layers.Add(nn.ReLU());
        layers.Add(nn.AdaptiveAvgPool2d(1));
        layers.Add(nn.Flatten());
        layers.Add(nn.Linear(channels, settings.Classes));
        _layers = nn.Sequential(layers);
        RegisterComponents();
    }

    public override Tensor forward(Tensor input) => _layers.call(input);
}
