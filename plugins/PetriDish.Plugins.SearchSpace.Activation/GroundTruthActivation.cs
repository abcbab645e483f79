using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>The activation a ground-truth network applies in its hidden layers, with whatever tensors it holds.</summary>
/// <param name="apply">The function, elementwise on any tensor.</param>
/// <param name="owned">Tensors the function uses, disposed with it.</param>
internal sealed class GroundTruthActivation(Func<Tensor, Tensor> apply, IDisposable? owned = null) : IDisposable
{
    public Tensor Apply(Tensor z) => apply(z);

    public void Dispose() => owned?.Dispose();
}
