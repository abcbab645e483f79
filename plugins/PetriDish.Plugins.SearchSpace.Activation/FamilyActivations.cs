using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>One family's activation with a parameter per network, broadcast along the network dimension.</summary>
/// <param name="family">The family.</param>
/// <param name="values">Each network's parameter, <c>[N]</c>.</param>
internal sealed class FamilyActivations(ActivationFamily family, Tensor values) : NetworkActivations
{
    private readonly Tensor _networkMajor = values.view(-1, 1, 1);
    private readonly Tensor _sampleMajor = values.view(1, -1, 1);

    public override int Count => (int)values.shape[0];

    public override Tensor Apply(Tensor z, int networkDimension) => ActivationFunctions.Apply(family, z, Parameter(networkDimension));

    public override Tensor Derivative(Tensor z, Tensor value, int networkDimension) =>
        ActivationFunctions.Derivative(family, z, value, Parameter(networkDimension));

    public override ActivationBlockKernel CreateKernel(IReadOnlyList<long> sizes) =>
        ActivationBlockKernel.Create(family, sizes, values.to(ScalarType.Float32).cpu().data<float>().ToArray());

    public override void Dispose()
    {
        _networkMajor.Dispose();
        _sampleMajor.Dispose();
        values.Dispose();
    }

    private Tensor Parameter(int networkDimension) => networkDimension switch
    {
        0 => _networkMajor,
        1 => _sampleMajor,
        _ => throw new ArgumentOutOfRangeException(nameof(networkDimension), networkDimension, "networks run along dimension 0 or 1"),
    };
}
