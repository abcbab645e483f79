using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;

/// <summary>
/// Trains N motif-networks from the shared θ_init on the synthetic training data, all in one batched
/// tensor program, and returns each network's loss on the synthetic validation data. With
/// <c>differentiable</c> the whole trajectory stays in the autograd graph, so the outer loss can be
/// differentiated with respect to the synthetic inputs.
/// </summary>
/// <remarks>
/// With <c>metaGradientSteps</c> only the last that-many steps are differentiated (truncated
/// unrolling): the earlier ones run without a graph. Exact (all steps) by default; truncation makes
/// expensive motif-networks (recurrent cells) affordable at the price of a biased meta-gradient.
/// Steps outside the graph (all of them at inference) use the network's hand-written gradient where
/// it has one (<see cref="IMotifNetworkGradient"/>) and free each step's state as soon as the next
/// exists, so memory does not grow with the number of steps. On the CPU in float32, a network with a
/// block gradient skips libtorch altogether: without a meta-gradient in <see cref="ManagedInnerLoop"/>,
/// with an exact one (no truncation) in <see cref="ManagedUnroll"/> where it has a block meta-gradient.
/// <see cref="ComputePathSelector"/> makes that choice; <see cref="TakePathsUsed"/> says what ran.
/// </remarks>
internal sealed class InnerLoop(InnerOptimizer optimizer, int steps, double learningRate, int? metaGradientSteps = null, bool managedKernels = true)
{
    private readonly ComputePathSelector _paths = new(steps, metaGradientSteps, managedKernels);
    private readonly System.Collections.Concurrent.ConcurrentDictionary<ComputePath, bool> _used = new();

    internal const double Beta1 = 0.9;
    internal const double Beta2 = 0.999;
    internal const double Epsilon = 1e-8;

    // Inside the square root: keeps d√v/dv finite where a gradient is exactly zero (√ has an infinite
    // slope at 0, and ∞ · 0 would put NaN into the meta-gradient).
    internal const double SqrtGuard = 1e-16;

    private int _droppedMetaGradients;

    /// <summary>
    /// How many times a network's share of the meta-gradient overflowed and was left out of an outer
    /// step (managed path; see <see cref="ManagedUnroll.DroppedNetworks"/>).
    /// </summary>
    public int DroppedMetaGradients => Volatile.Read(ref _droppedMetaGradients);

    /// <summary>The path <see cref="Run"/> takes for these networks.</summary>
    public ComputePath PathFor(IMotifNetwork network, Tensor thetaInit, bool differentiable) =>
        _paths.Choose(network, thetaInit, differentiable);

    /// <summary>
    /// Whether <see cref="Run"/> trains these networks block by block on their managed kernel: without a
    /// meta-gradient in <see cref="ManagedInnerLoop"/>, with one in <see cref="ManagedUnroll"/>.
    /// </summary>
    public bool RunsOnManagedKernels(IMotifNetwork network, Tensor thetaInit, bool differentiable) =>
        PathFor(network, thetaInit, differentiable) is ComputePath.ManagedInference or ComputePath.ManagedMetaGradient;

    /// <summary>The paths that ran since the last call, in enum order (for a fit's diagnostics).</summary>
    public IReadOnlyList<ComputePath> TakePathsUsed()
    {
        var used = _used.Keys.Order().ToList();
        _used.Clear();
        return used;
    }

    /// <summary>The managed inner training with its meta-gradient (<see cref="ManagedUnroll"/>), on any thread; it reports dropped shares here.</summary>
    public ManagedUnroll Unroll(IMotifNetwork network, ManagedInputs inputs)
    {
        _used[ComputePath.ManagedMetaGradient] = true;
        var unroll = ManagedUnroll.Run(network, optimizer, steps, learningRate, inputs);
        unroll.ReportDropped = dropped => Interlocked.Add(ref _droppedMetaGradients, dropped);
        return unroll;
    }

    /// <summary>The managed inner training without a meta-gradient (<see cref="ManagedInnerLoop"/>), on any thread: validation and training losses.</summary>
    public (float[] Validation, float[] Training) TrainOnManagedKernels(IMotifNetwork network, ManagedInputs inputs)
    {
        _used[ComputePath.ManagedInference] = true;
        return ManagedInnerLoop.Run(network, optimizer, steps, learningRate, inputs);
    }

    /// <summary>Per-motif validation losses <c>[N]</c> (and the final training losses).</summary>
    /// <remarks>
    /// One dish: θ_init <c>[P]</c>, inputs <c>[S, …]</c> and labels <c>[S, out]</c>, shared by all N
    /// networks. Several dishes in one program: every network's own, <c>[N, P]</c>, <c>[N, S, …]</c> and
    /// <c>[N, S, out]</c> (the network must accept per-network inputs).
    /// </remarks>
    public (Tensor ValidationLoss, Tensor TrainingLoss) Run(IMotifNetwork network, FlatParameters layout, Tensor thetaInit, Tensor xTrain, Tensor xValid, Tensor labels, bool differentiable)
    {
        var path = PathFor(network, thetaInit, differentiable);
        _used[path] = true;
        if (path == ComputePath.ManagedInference)
        {
            return ManagedInnerLoop.Run(network, optimizer, steps, learningRate, thetaInit, xTrain, xValid, labels);
        }

        if (path == ComputePath.ManagedMetaGradient)
        {
            var unroll = Unroll(network, ManagedInputs.Of(thetaInit, xTrain, xValid, labels));
            return (ManagedUnrollFunction.apply(xTrain, xValid, new[] { unroll }, 1), tensor(unroll.TrainingLoss));
        }

        var n = network.Count;
        var targets = labels.dim() == 3 ? labels : labels.unsqueeze(0).expand(n, -1, -1);
        var parameters = (thetaInit.dim() == 2 ? thetaInit : thetaInit.unsqueeze(0).expand(n, -1)).clone().requires_grad_(true);
        var m = zeros_like(parameters);
        var v = zeros_like(parameters);
        Tensor trainingLoss = zeros(n, dtype: thetaInit.dtype, device: thetaInit.device);
        var firstDifferentiated = differentiable ? steps - Math.Min(steps, metaGradientSteps ?? steps) + 1 : int.MaxValue;
        // Every Scalar of the loop is held (see HeldScalars): the loop runs millions of operations per fit.
        using var sgdStep = (-learningRate).ToScalar();
        // lerp takes its weight as a tensor: made once, not per step.
        using var momentumWeight = tensor(1 - Beta1, dtype: thetaInit.dtype, device: thetaInit.device);
        using var varianceWeight = tensor(1 - Beta2, dtype: thetaInit.dtype, device: thetaInit.device);
        using var sqrtGuard = SqrtGuard.ToScalar();
        for (var t = 1; t <= steps; t++)
        {
            using var scope = NewDisposeScope();
            var tracked = t >= firstDifferentiated;
            var (previousParameters, previousM, previousV) = (parameters, m, v);
            // No meta-gradient through this step: the network's own gradient if it has one, and no graph at all.
            var handWritten = tracked || path != ComputePath.TensorHandWrittenGradient ? null : (IMotifNetworkGradient)network;
            using var noGrad = handWritten is null ? null : no_grad();
            Tensor loss, gradient;
            if (handWritten is not null)
            {
                var (losses, gradients) = handWritten.LossAndGradients(layout.Unflatten(parameters), xTrain, targets, computeLoss: t == steps);
                (loss, gradient) = (losses ?? trainingLoss, layout.Flatten(gradients, n));
            }
            else
            {
                loss = Loss(network, layout, parameters, xTrain, targets);
                gradient = autograd.grad([loss.sum()], [parameters], create_graph: tracked, retain_graph: tracked)[0];
            }

            Tensor next;
            if (optimizer == InnerOptimizer.Sgd)
            {
                next = parameters.add(gradient, sgdStep);
            }
            else
            {
                // Adam with the bias corrections folded into the step size and ε (as PyTorch's Adam,
                // rearranged): few tensor operations per step, which is what the unrolled graph costs.
                var correction1 = 1 - Math.Pow(Beta1, t);
                var correction2 = Math.Sqrt(1 - Math.Pow(Beta2, t));
                using var epsilon = (Epsilon * correction2).ToScalar();
                using var stepSize = (-learningRate * correction2 / correction1).ToScalar();
                m = m.lerp(gradient, momentumWeight);
                v = v.lerp(gradient.mul(gradient), varianceWeight); // not square(): that is pow with an implicit Scalar
                var denominator = v.add(sqrtGuard, HeldScalars.One).sqrt().add(epsilon, HeldScalars.One);
                next = parameters.addcdiv(m, denominator, stepSize);
                if (!tracked)
                {
                    m = m.detach();
                    v = v.detach();
                }

                m.MoveToOuterDisposeScope();
                v.MoveToOuterDisposeScope();
            }

            if (!tracked)
            {
                next = next.detach().requires_grad_(true);
            }

            if (t == steps)
            {
                trainingLoss = loss.detach().MoveToOuterDisposeScope();
            }

            parameters = next.MoveToOuterDisposeScope();
            if (!tracked)
            {
                // Outside the graph nothing refers to the previous step's state any more; freed now
                // rather than with the caller's scope, memory stays flat however many steps run.
                previousParameters.Dispose();
                if (!ReferenceEquals(previousM, m))
                {
                    previousM.Dispose();
                    previousV.Dispose();
                }
            }
        }

        return (Loss(network, layout, parameters, xValid, targets), trainingLoss);
    }

    /// <summary>Per-network BCE, <c>[N]</c>; <paramref name="targets"/> is <c>[N, S, out]</c>.</summary>
    private static Tensor Loss(IMotifNetwork network, FlatParameters layout, Tensor parameters, Tensor inputs, Tensor targets)
    {
        var logits = network.Forward(layout.Unflatten(parameters), inputs); // [N, S, out]
        return nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None).mean([1, 2]);
    }
}
