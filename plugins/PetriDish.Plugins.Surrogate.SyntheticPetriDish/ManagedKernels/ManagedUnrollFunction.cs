using PetriDish.Sdk;
using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;

/// <summary>
/// One or more dishes' <see cref="ManagedUnroll"/>s as one node of libtorch's graph: its output is their
/// networks' validation losses, one dish after the other; its backward runs the managed reverse passes,
/// the dishes in parallel (each dish's share depends on its own inputs only). The outer loss (z-scores,
/// L2) and the outer Adam stay the tensor program they are, and <c>backward()</c> reaches every dish's
/// synthetic inputs.
/// </summary>
/// <remarks>
/// Call as <c>apply(xTrain₁, xValid₁, …, xTrainₖ, xValidₖ, unrolls, parallelism)</c>: each unroll has
/// already run on its dish's inputs.
/// </remarks>
internal sealed class ManagedUnrollFunction : autograd.SingleTensorFunction<ManagedUnrollFunction>
{
    private const string UnrollsKey = "unrolls";
    private const string ParallelismKey = "parallelism";

    public override string Name => "PetriDishBlockUnroll";

    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (unrolls, parallelism) = ((ManagedUnroll[])vars[^2], (int)vars[^1]);
        var xTrain = (Tensor)vars[0];
        ctx.save_data(UnrollsKey, unrolls);
        ctx.save_data(ParallelismKey, parallelism);
        return tensor([.. unrolls.SelectMany(u => u.ValidationLoss)], dtype: xTrain.dtype, device: xTrain.device);
    }

    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad_output)
    {
        var unrolls = (ManagedUnroll[])ctx.get_data(UnrollsKey);
        var parallelism = (int)ctx.get_data(ParallelismKey);
        var gradient = grad_output.contiguous().data<float>().ToArray();
        var offsets = new int[unrolls.Length];
        for (var d = 1; d < unrolls.Length; d++)
        {
            offsets[d] = offsets[d - 1] + unrolls[d - 1].ValidationLoss.Length;
        }

        var shares = new (float[] Train, float[] Valid)[unrolls.Length];
        Parallel.For(0, unrolls.Length, new ParallelOptions { MaxDegreeOfParallelism = parallelism }, d =>
            shares[d] = unrolls[d].Backward(gradient.AsSpan(offsets[d], unrolls[d].ValidationLoss.Length)));
        var result = new List<Tensor>();
        for (var d = 0; d < unrolls.Length; d++)
        {
            unrolls[d].ReportDropped?.Invoke(unrolls[d].DroppedNetworks);
            var (train, valid, dish) = (shares[d].Train, shares[d].Valid, unrolls[d]);
            result.Add(HeldTensors.Build(() => tensor(train).view(dish.TrainShape)));
            result.Add(HeldTensors.Build(() => tensor(valid).view(dish.ValidShape)));
        }

        result.Add(null!);
        result.Add(null!);
        return result;
    }
}
