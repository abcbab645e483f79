using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using PetriDish.Abstractions;
using static TorchSharp.torch;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;

/// <summary>
/// The inner training of <see cref="InnerLoop"/> with its meta-gradient, in managed code, for a
/// motif-network with a block meta-gradient (<see cref="IMotifNetworkBlockMetaGradient"/>): the forward
/// pass is <see cref="ManagedInnerLoop"/>'s, keeping each step's parameters, gradient and optimizer
/// moments in a <see cref="ManagedTrajectory"/> per block; <see cref="Backward"/> runs the unrolled steps in reverse
/// (reverse-mode through the optimizer, a Hessian-vector product per step). What libtorch's autograd
/// computes through the tensor program, without a graph of millions of small operations.
/// </summary>
/// <remarks>
/// Memory: four copies of a block's parameters per inner step (for the 18 sigmoid-slope networks of
/// 33 parameters and 250 steps, about 2 MB), for as long as the caller keeps the instance.
/// </remarks>
internal sealed class ManagedUnroll
{
    private readonly IMotifNetworkBlockMetaGradient _kernel;
    private readonly InnerOptimizer _optimizer;
    private readonly int _steps;
    private readonly double _learningRate;
    private readonly float[] _train;
    private readonly float[] _valid;
    private readonly float[] _targets;
    private readonly int _samples;
    private readonly int _size;
    private readonly ManagedTrajectory[] _blocks;

    private ManagedUnroll(IMotifNetworkBlockMetaGradient kernel, InnerOptimizer optimizer, int steps, double learningRate, float[] train, float[] valid, float[] targets, int samples, int size, ManagedTrajectory[] blocks)
    {
        (_kernel, _optimizer, _steps, _learningRate) = (kernel, optimizer, steps, learningRate);
        (_train, _valid, _targets, _samples, _size, _blocks) = (train, valid, targets, samples, size, blocks);
    }

    /// <summary>Each network's loss on the synthetic validation inputs after training.</summary>
    public float[] ValidationLoss { get; private init; } = [];

    /// <summary>Each network's training loss at the last inner step.</summary>
    public float[] TrainingLoss { get; private init; } = [];

    /// <summary>Told, after <see cref="Backward"/>, how many networks' shares it left out (see <see cref="DroppedNetworks"/>).</summary>
    public Action<int>? ReportDropped { get; set; }

    /// <summary>The synthetic training inputs' shape.</summary>
    public long[] TrainShape { get; private init; } = [];

    /// <summary>The synthetic validation inputs' shape.</summary>
    public long[] ValidShape { get; private init; } = [];

    /// <summary>Trains every network, keeping what <see cref="Backward"/> needs.</summary>
    public static ManagedUnroll Run(IMotifNetwork network, InnerOptimizer optimizer, int steps, double learningRate, Tensor thetaInit, Tensor xTrain, Tensor xValid, Tensor labels) =>
        Run(network, optimizer, steps, learningRate, ManagedInputs.Of(thetaInit, xTrain, xValid, labels));

    /// <summary>
    /// <see cref="Run(IMotifNetwork, InnerOptimizer, int, double, Tensor, Tensor, Tensor, Tensor)"/> on inputs
    /// already copied out of their tensors: managed code only, so several dishes can train on several threads.
    /// </summary>
    public static ManagedUnroll Run(IMotifNetwork network, InnerOptimizer optimizer, int steps, double learningRate, ManagedInputs inputs)
    {
        var kernel = (IMotifNetworkBlockMetaGradient)network;
        var lanes = ManagedInnerLoop.CheckedBlockSize(kernel);
        var theta = inputs.Theta;
        var size = theta.Length * lanes;
        var (train, valid, targets, samples) = (inputs.Train, inputs.Valid, inputs.Targets, inputs.Samples);
        var blocks = new ManagedTrajectory[(network.Count + lanes - 1) / lanes];
        var (validation, training) = ManagedInnerLoop.Train(kernel, network.Count, optimizer, steps, learningRate, theta, train, valid, targets, samples,
            record: b => blocks[b] = new ManagedTrajectory(steps, size, withMoments: optimizer == InnerOptimizer.Adam));
        return new ManagedUnroll(kernel, optimizer, steps, learningRate, train, valid, targets, samples, size, blocks)
        {
            ValidationLoss = validation,
            TrainingLoss = training,
            TrainShape = inputs.TrainShape,
            ValidShape = inputs.ValidShape,
        };
    }

    /// <summary>
    /// The gradient of <c>Σ_i lossGradient[i] · ValidationLoss[i]</c> with respect to the synthetic
    /// training and validation inputs (row-major, as the inputs).
    /// </summary>
    public (float[] Train, float[] Valid) Backward(ReadOnlySpan<float> lossGradient)
    {
        var lanes = _kernel.BlockSize;
        var (trainLanes, validLanes) = (new float[_train.Length * lanes], new float[_valid.Length * lanes]);
        var (parameterBar, direction, product) = (new float[_size], new float[_size], new float[_size]);
        var (firstMomentBar, secondMomentBar) = (new float[_size], new float[_size]);
        var (trainBlock, validBlock) = (new float[trainLanes.Length], new float[validLanes.Length]);
        var weights = new float[lanes];
        for (var b = 0; b < _blocks.Length; b++)
        {
            var first = b * lanes;
            var block = _blocks[b];
            var taken = Math.Min(lanes, ValidationLoss.Length - first);
            Array.Clear(weights);
            Array.Clear(trainBlock);
            Array.Clear(validBlock);
            lossGradient.Slice(first, taken).CopyTo(weights);
            _kernel.WeightedLossGradient(first, block.Parameters(_steps), _valid, _targets, _samples, weights, parameterBar, validBlock);
            Array.Clear(firstMomentBar);
            Array.Clear(secondMomentBar);
            for (var t = _steps; t >= 1; t--)
            {
                if (_optimizer == InnerOptimizer.Sgd)
                {
                    SgdReverse(parameterBar, direction, _learningRate);
                }
                else
                {
                    AdamReverse(parameterBar, firstMomentBar, secondMomentBar, block.FirstMoment(t), block.SecondMoment(t), block.Gradient(t), direction, _learningRate, t);
                }

                _kernel.GradientProducts(first, block.Parameters(t - 1), _train, _targets, _samples, direction, product, trainBlock);
                Add(parameterBar, product);
            }

            AddFiniteLanes(trainBlock, validBlock, trainLanes, validLanes, lanes, taken);
        }

        return (SumLanes(trainLanes, lanes), SumLanes(validLanes, lanes));
    }

    /// <summary>
    /// Networks whose share of the meta-gradient overflowed float32 (an exp or cosh whose curvature
    /// exceeds the range while its loss stays finite) and was left out, so that one network cannot
    /// make every outer step non-finite.
    /// </summary>
    public int DroppedNetworks { get; private set; }

    /// <summary>Adds each lane's share of this block to the totals, unless it is not finite.</summary>
    private void AddFiniteLanes(float[] trainBlock, float[] validBlock, float[] trainLanes, float[] validLanes, int lanes, int taken)
    {
        for (var lane = 0; lane < taken; lane++)
        {
            if (!LaneIsFinite(trainBlock, lanes, lane) || !LaneIsFinite(validBlock, lanes, lane))
            {
                DroppedNetworks++;
                continue;
            }

            for (var i = lane; i < trainBlock.Length; i += lanes)
            {
                trainLanes[i] += trainBlock[i];
            }

            for (var i = lane; i < validBlock.Length; i += lanes)
            {
                validLanes[i] += validBlock[i];
            }
        }
    }

    private static bool LaneIsFinite(float[] perLane, int lanes, int lane)
    {
        for (var i = lane; i < perLane.Length; i += lanes)
        {
            if (!float.IsFinite(perLane[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>θ_t = θ_{t−1} − lr·g_t in reverse: the gradient's adjoint.</summary>
    private static void SgdReverse(ReadOnlySpan<float> parameterBar, Span<float> gradientBar, double learningRate)
    {
        var step = (float)-learningRate;
        for (var i = 0; i < parameterBar.Length; i++)
        {
            gradientBar[i] = step * parameterBar[i];
        }
    }

    /// <summary>
    /// <see cref="ManagedInnerLoop.AdamStep"/> in reverse. Forward: m_t = β₁m + (1−β₁)g, v_t = β₂v + (1−β₂)g²,
    /// θ_t = θ_{t−1} + s·m_t / (√(v_t + guard) + ε). Given θ_t's adjoint and the moments' adjoints from
    /// the later steps, adds this step's share to the moments' adjoints, writes g_t's adjoint, and
    /// leaves the moments' adjoints as m_{t−1}'s and v_{t−1}'s.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AdamReverse(ReadOnlySpan<float> parameterBar, Span<float> firstMomentBar, Span<float> secondMomentBar, ReadOnlySpan<float> firstMoment, ReadOnlySpan<float> secondMoment, ReadOnlySpan<float> gradient, Span<float> gradientBar, double learningRate, int t)
    {
        var (stepSize, epsilon) = ManagedInnerLoop.AdamScalars(learningRate, t);
        var s = new Vector<float>((float)stepSize);
        var eps = new Vector<float>((float)epsilon);
        var guard = new Vector<float>((float)InnerLoop.SqrtGuard);
        var beta1 = new Vector<float>((float)InnerLoop.Beta1);
        var beta2 = new Vector<float>((float)InnerLoop.Beta2);
        var momentumWeight = new Vector<float>((float)(1 - InnerLoop.Beta1));
        var twiceVarianceWeight = new Vector<float>((float)(2 * (1 - InnerLoop.Beta2)));
        var half = new Vector<float>(0.5f);
        var pBar = MemoryMarshal.Cast<float, Vector<float>>(parameterBar);
        var mBar = MemoryMarshal.Cast<float, Vector<float>>(firstMomentBar);
        var vBar = MemoryMarshal.Cast<float, Vector<float>>(secondMomentBar);
        var m = MemoryMarshal.Cast<float, Vector<float>>(firstMoment);
        var v = MemoryMarshal.Cast<float, Vector<float>>(secondMoment);
        var g = MemoryMarshal.Cast<float, Vector<float>>(gradient);
        var gBar = MemoryMarshal.Cast<float, Vector<float>>(gradientBar);
        for (var i = 0; i < pBar.Length; i++)
        {
            var root = Vector.SquareRoot(v[i] + guard);
            var denominator = root + eps;
            var scaled = pBar[i] * s / denominator;
            mBar[i] += scaled;
            // d/dv of s·m / (√(v + guard) + ε) = −s·m / (√… + ε)² · 1 / (2√…).
            vBar[i] -= scaled * m[i] / denominator * half / root;
            gBar[i] = (momentumWeight * mBar[i]) + (twiceVarianceWeight * g[i] * vBar[i]);
            mBar[i] *= beta1;
            vBar[i] *= beta2;
        }
    }

    private static void Add(Span<float> target, ReadOnlySpan<float> values)
    {
        var t = MemoryMarshal.Cast<float, Vector<float>>(target);
        var u = MemoryMarshal.Cast<float, Vector<float>>(values);
        for (var i = 0; i < t.Length; i++)
        {
            t[i] += u[i];
        }
    }

    private static float[] SumLanes(float[] perLane, int lanes)
    {
        var sums = new float[perLane.Length / lanes];
        for (var i = 0; i < sums.Length; i++)
        {
            var sum = 0f;
            foreach (var value in perLane.AsSpan(i * lanes, lanes))
            {
                sum += value;
            }

            sums[i] = sum;
        }

        return sums;
    }
}
