using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;

/// <summary>
/// The one place that chooses the inner loop's <see cref="ComputePath"/>, from what the motif-network
/// implements, what the run needs (a meta-gradient or not, exact or truncated) and where the tensors live.
/// </summary>
/// <param name="steps">Inner training steps.</param>
/// <param name="metaGradientSteps">Differentiated steps (truncated unrolling), or null for all of them.</param>
/// <param name="managedKernels">False forces the tensor program (the <c>managedKernels</c> setting; tests compare the paths).</param>
internal sealed class ComputePathSelector(int steps, int? metaGradientSteps, bool managedKernels = true)
{
    /// <summary>The path for training <paramref name="network"/> from <paramref name="thetaInit"/>, with a meta-gradient when <paramref name="differentiable"/>.</summary>
    public ComputePath Choose(IMotifNetwork network, Tensor thetaInit, bool differentiable)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(thetaInit);

        // The managed kernels compute in float32 on the CPU, for one dish's θ_init shared by all its networks.
        var managed = managedKernels && network is IMotifNetworkBlockGradient
            && thetaInit.dim() == 1 && thetaInit.dtype == ScalarType.Float32 && thetaInit.device_type == DeviceType.CPU;
        if (!differentiable)
        {
            return managed ? ComputePath.ManagedInference
                : network is IMotifNetworkGradient ? ComputePath.TensorHandWrittenGradient
                : ComputePath.TensorAutograd;
        }

        // The managed meta-gradient is exact: a truncated unroll stays on the tensor program.
        var exact = metaGradientSteps is null || metaGradientSteps >= steps;
        if (managed && exact && network is IMotifNetworkBlockMetaGradient)
        {
            return ComputePath.ManagedMetaGradient;
        }

        return !exact && network is IMotifNetworkGradient ? ComputePath.TensorHandWrittenGradient : ComputePath.TensorAutograd;
    }

    /// <summary>The fit diagnostic (value 1) that says a path ran.</summary>
    public static string DiagnosticName(ComputePath path) => path switch
    {
        ComputePath.TensorAutograd => "compute_path_tensor_autograd",
        ComputePath.TensorHandWrittenGradient => "compute_path_tensor_hand_written_gradient",
        ComputePath.ManagedInference => "compute_path_managed_inference",
        ComputePath.ManagedMetaGradient => "compute_path_managed_meta_gradient",
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };

    /// <summary>How a path reads in notes and logs.</summary>
    public static string Describe(ComputePath path) => path switch
    {
        ComputePath.TensorAutograd => "tensor program, autograd",
        ComputePath.TensorHandWrittenGradient => "tensor program, hand-written gradient outside the meta-gradient",
        ComputePath.ManagedInference => "managed kernel",
        ComputePath.ManagedMetaGradient => "managed kernel with managed meta-gradient",
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, null),
    };
}
