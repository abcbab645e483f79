using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PetriDish.Abstractions;
using static TorchSharp.torch;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;

/// <summary>
/// <see cref="InnerLoop"/> without libtorch, for inference on the CPU in float32 with a motif-network
/// that computes its gradient block by block (<see cref="IMotifNetworkBlockGradient"/>): each block of
/// networks runs all its inner steps while its parameters and optimizer state sit in a few kilobytes of
/// cache, the optimizer updated with vector instructions. The same optimizer and arithmetic as
/// <see cref="InnerLoop"/>, so the two agree up to float32 rounding.
/// </summary>
internal static class ManagedInnerLoop
{
    /// <summary>Per-motif validation losses <c>[N]</c> and final training losses, as <see cref="InnerLoop.Run"/>.</summary>
    public static (Tensor ValidationLoss, Tensor TrainingLoss) Run(IMotifNetwork network, InnerOptimizer optimizer, int steps, double learningRate, Tensor thetaInit, Tensor xTrain, Tensor xValid, Tensor labels)
    {
        var (validation, training) = Run(network, optimizer, steps, learningRate, ManagedInputs.Of(thetaInit, xTrain, xValid, labels));
        return (tensor(validation), tensor(training));
    }

    /// <summary>As <see cref="Run(IMotifNetwork, InnerOptimizer, int, double, Tensor, Tensor, Tensor, Tensor)"/>, managed code only (any thread).</summary>
    public static (float[] Validation, float[] Training) Run(IMotifNetwork network, InnerOptimizer optimizer, int steps, double learningRate, ManagedInputs inputs) =>
        Train((IMotifNetworkBlockGradient)network, network.Count, optimizer, steps, learningRate, inputs.Theta, inputs.Train, inputs.Valid, inputs.Targets, inputs.Samples);

    /// <summary>
    /// Trains <paramref name="count"/> networks block by block from θ_init and returns their validation
    /// and final training losses. With <paramref name="record"/> (block index → its trajectory), every
    /// block's steps are kept for <see cref="ManagedUnroll"/>.
    /// </summary>
    internal static (float[] Validation, float[] Training) Train(IMotifNetworkBlockGradient kernel, int count, InnerOptimizer optimizer, int steps, double learningRate, float[] theta, float[] train, float[] valid, float[] targets, int samples, Func<int, ManagedTrajectory>? record = null)
    {
        var lanes = CheckedBlockSize(kernel);
        var (p, m, v, g) = (new float[theta.Length * lanes], new float[theta.Length * lanes], new float[theta.Length * lanes], new float[theta.Length * lanes]);
        var loss = new float[lanes];
        var (validation, training) = (new float[count], new float[count]);
        for (var first = 0; first < count; first += lanes)
        {
            for (var q = 0; q < theta.Length; q++)
            {
                p.AsSpan(q * lanes, lanes).Fill(theta[q]);
            }

            Array.Clear(m);
            Array.Clear(v);
            var trajectory = record?.Invoke(first / lanes);
            if (trajectory is not null)
            {
                p.CopyTo(trajectory.Parameters(0));
            }

            var taken = Math.Min(lanes, count - first);
            for (var t = 1; t <= steps; t++)
            {
                kernel.LossAndGradient(first, p, train, targets, samples, g, t == steps ? loss : default);
                if (optimizer == InnerOptimizer.Sgd)
                {
                    SgdStep(p, g, learningRate);
                }
                else
                {
                    AdamStep(p, m, v, g, learningRate, t);
                }

                trajectory?.Keep(t, p, g, m, v);
            }

            if (steps > 0)
            {
                loss.AsSpan(0, taken).CopyTo(training.AsSpan(first));
            }

            kernel.LossAndGradient(first, p, valid, targets, samples, default, loss);
            loss.AsSpan(0, taken).CopyTo(validation.AsSpan(first));
        }

        return (validation, training);
    }

    /// <summary>The kernel's block size, checked to be a whole number of <see cref="Vector{T}"/>s (the optimizer steps are vectorised).</summary>
    internal static int CheckedBlockSize(IMotifNetworkBlockGradient kernel)
    {
        var lanes = kernel.BlockSize;
        if (lanes <= 0 || lanes % Vector<float>.Count != 0)
        {
            throw new InvalidOperationException($"a block of {lanes} networks is not a whole number of vectors of {Vector<float>.Count}");
        }

        return lanes;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SgdStep(Span<float> parameters, ReadOnlySpan<float> gradient, double learningRate)
    {
        var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        var step = new Vector<float>((float)-learningRate);
        for (var i = 0; i < p.Length; i++)
        {
            p[i] += step * g[i];
        }
    }

    /// <summary>Adam as <see cref="InnerLoop"/> writes it: bias corrections folded into the step size and ε.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AdamStep(Span<float> parameters, Span<float> firstMoment, Span<float> secondMoment, ReadOnlySpan<float> gradient, double learningRate, int t)
    {
        var (step, eps) = AdamScalars(learningRate, t);
        var epsilon = new Vector<float>((float)eps);
        var stepSize = new Vector<float>((float)step);
        var momentumWeight = new Vector<float>((float)(1 - InnerLoop.Beta1));
        var varianceWeight = new Vector<float>((float)(1 - InnerLoop.Beta2));
        var guard = new Vector<float>((float)InnerLoop.SqrtGuard);
        var p = MemoryMarshal.Cast<float, Vector<float>>(parameters);
        var m = MemoryMarshal.Cast<float, Vector<float>>(firstMoment);
        var v = MemoryMarshal.Cast<float, Vector<float>>(secondMoment);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        for (var i = 0; i < p.Length; i++)
        {
            var gi = g[i];
            m[i] += momentumWeight * (gi - m[i]);
            v[i] += varianceWeight * ((gi * gi) - v[i]);
            p[i] += stepSize * m[i] / (Vector.SquareRoot(v[i] + guard) + epsilon);
        }
    }

    /// <summary>Step t's signed step size and ε, with Adam's bias corrections folded in (as <see cref="InnerLoop"/>).</summary>
    internal static (double StepSize, double Epsilon) AdamScalars(double learningRate, int t)
    {
        var correction1 = 1 - Math.Pow(InnerLoop.Beta1, t);
        var correction2 = Math.Sqrt(1 - Math.Pow(InnerLoop.Beta2, t));
        return (-learningRate * correction2 / correction1, InnerLoop.Epsilon * correction2);
    }

    internal static float[] Floats(Tensor t) => t.detach().contiguous().data<float>().ToArray();
}
