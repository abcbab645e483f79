using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>
/// The activation function of every network in a batch of motif-networks: one family with a
/// parameter per network (<see cref="FamilyActivations"/>), or a composed function per network
/// (<see cref="Expressions.ExpressionActivations"/>).
/// </summary>
internal abstract class NetworkActivations : IDisposable
{
    /// <summary>The number of networks.</summary>
    public abstract int Count { get; }

    /// <summary>Each network's function applied to its slice of <paramref name="z"/>, whose dimension <paramref name="networkDimension"/> runs over networks.</summary>
    public abstract Tensor Apply(Tensor z, int networkDimension);

    /// <summary>f′(z) per network, given z and <paramref name="value"/> = f(z) as <see cref="Apply"/> computed it.</summary>
    public abstract Tensor Derivative(Tensor z, Tensor value, int networkDimension);

    /// <summary>The managed kernel for these networks with layer sizes <paramref name="sizes"/>.</summary>
    public abstract ActivationBlockKernel CreateKernel(IReadOnlyList<long> sizes);

    public abstract void Dispose();
}
