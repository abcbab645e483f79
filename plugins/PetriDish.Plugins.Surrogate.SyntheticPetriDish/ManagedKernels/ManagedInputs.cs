using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;

/// <summary>One dish's θ_init, synthetic inputs and labels copied out of their tensors, for the managed kernels.</summary>
internal sealed record ManagedInputs(float[] Theta, float[] Train, float[] Valid, float[] Targets, int Samples, long[] TrainShape, long[] ValidShape)
{
    /// <summary>Copies the tensors (on the calling thread: tensors belong to the thread's dispose scope).</summary>
    public static ManagedInputs Of(Tensor thetaInit, Tensor xTrain, Tensor xValid, Tensor labels) =>
        new(ManagedInnerLoop.Floats(thetaInit), ManagedInnerLoop.Floats(xTrain), ManagedInnerLoop.Floats(xValid), ManagedInnerLoop.Floats(labels), (int)xTrain.shape[0], xTrain.shape, xValid.shape);
}
