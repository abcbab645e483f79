using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>
/// A <see cref="BlockUnroll"/> as one node of libtorch's graph: its output is the networks' validation
/// losses, its backward the managed reverse pass, so the outer loss (z-scores, L2) and the outer Adam
/// stay the tensor program they are and <c>backward()</c> reaches the synthetic inputs as before.
/// </summary>
/// <remarks>Call as <c>apply(xTrain, xValid, unroll)</c>: the unroll has already run on those inputs.</remarks>
internal sealed class BlockUnrollFunction : autograd.SingleTensorFunction<BlockUnrollFunction>
{
    private const string UnrollKey = "unroll";

    public override string Name => "PetriDishBlockUnroll";

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (xTrain, unroll) = ((Tensor)vars[0], (BlockUnroll)vars[2]);
        ctx.save_data(UnrollKey, unroll);
        return tensor(unroll.ValidationLoss, dtype: xTrain.dtype, device: xTrain.device);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var unroll = (BlockUnroll)ctx.get_data(UnrollKey);
        var (train, valid) = unroll.Backward(grad_output.contiguous().data<float>().ToArray());
        unroll.ReportDropped?.Invoke(unroll.DroppedNetworks);
        return [tensor(train).view(unroll.TrainShape), tensor(valid).view(unroll.ValidShape), null!];
    }
}
