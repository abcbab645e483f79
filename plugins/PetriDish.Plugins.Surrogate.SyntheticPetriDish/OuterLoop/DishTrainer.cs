using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

/// <summary>
/// The outer loop: adjusts a dish's synthetic inputs so that the motifs' validation losses in the dish,
/// z-normalised, match their z-normalised ground-truth losses (mean squared error plus a small L2).
/// </summary>
/// <remarks>
/// An ensemble's dishes are independent (own θ_init, synthetic data, labels, motifs and Adam), but they
/// are trained side by side, step for step: every motif-network of every dish runs in one tensor
/// program where the motif-network accepts per-network inputs, so K dishes cost far less than K times
/// one (the time of these tiny networks goes into the number of operations, not their size). Each
/// dish's outer loss depends on its own synthetic data only, so one backward pass through their sum
/// gives every dish exactly its own meta-gradient.
/// </remarks>
internal sealed class DishTrainer(PetriDishSettings settings, IMotifNetworkFactory factory, MotifNetworkOptions options, Device device, ScalarType dtype)
{
    /// <summary>
    /// With early stopping, the held-out motifs are scored after every this-many outer steps (and the
    /// last): scoring them costs about a third of an outer step, and the kept step moves little.
    /// </summary>
    internal const int HeldOutInterval = 4;

    private readonly InnerLoop _inner = new(settings.InnerOptimizer, settings.InnerSteps, settings.InnerLearningRate, settings.MetaGradientSteps, settings.ManagedKernels);

    public InnerLoop Inner => _inner;

    /// <summary>Fits one dish; see the ensemble's <see cref="Fit(IReadOnlyList{SyntheticDish}, IReadOnlyList{DishAssignment}, Action{int, int, double}, CancellationToken, DishTracer)"/>.</summary>
    public DishFitResult Fit(SyntheticDish dish, IReadOnlyList<IMotif> motifs, double[] groundTruthLoss, HeldOut? heldOut, Action<int, int, double> report, CancellationToken cancellationToken) =>
        Fit([dish], [new DishAssignment(motifs, groundTruthLoss, heldOut)], report, cancellationToken)[0];

    /// <summary>
    /// Fits every dish on its own motifs (targets lower-is-better). With a hold-out, each dish keeps the
    /// synthetic data of the outer step (0 = as drawn, then every <see cref="HeldOutInterval"/>th) with
    /// the lowest outer loss on its held-out motifs: early stopping against over-fitting the few motifs
    /// learned from. <paramref name="report"/>
    /// gets the outer step, their number and the dishes' mean outer loss.
    /// </summary>
    public IReadOnlyList<DishFitResult> Fit(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<DishAssignment> assignments, Action<int, int, double> report, CancellationToken cancellationToken, DishTracer? tracer = null)
    {
        var k = dishes.Count;
        var totalSteps = settings.OuterSchedule.Sum(s => s.Steps);
        var diverged = Enumerable.Range(0, k).Select(_ => new SortedSet<string>(StringComparer.Ordinal)).ToArray();
        var skipped = new int[k];
        var firstLoss = Enumerable.Repeat(double.NaN, k).ToArray();
        var lastLoss = Enumerable.Repeat(double.NaN, k).ToArray();
        var best = new Snapshot?[k];
        var step = 0;
        try
        {
            if (settings.StopOnHoldOut)
            {
                var heldOutLosses = HeldOutLosses(dishes, assignments, cancellationToken);
                for (var d = 0; d < k; d++)
                {
                    best[d] = assignments[d].HeldOut is null ? null : new Snapshot(0, heldOutLosses[d], dishes[d]);
                }
            }

            tracer?.Record(0, dishes, [.. Enumerable.Repeat(double.NaN, k)], [.. Enumerable.Repeat(double.NaN, k)], cancellationToken);

            foreach (var stage in settings.OuterSchedule)
            {
                // A fresh Adam per block, as the official schedule does; one per dish, so that a dish
                // whose step is skipped is left exactly as it was.
                var optimizers = dishes.Select(dish => HeldOptimizer.Adam([dish.XTrain, dish.XValid], stage.LearningRate)).ToList();
                try
                {
                    for (var i = 0; i < stage.Steps; i++, step++)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        var gradientRms = OuterStep(dishes, assignments, optimizers, diverged, skipped, firstLoss, lastLoss);
                        if (best.Any(b => b is not null) && ((step + 1) % HeldOutInterval == 0 || step + 1 == totalSteps))
                        {
                            var heldOutLosses = HeldOutLosses(dishes, assignments, cancellationToken);
                            for (var d = 0; d < k; d++)
                            {
                                if (best[d] is { } kept && heldOutLosses[d] < kept.Loss)
                                {
                                    kept.Dispose();
                                    best[d] = new Snapshot(step + 1, heldOutLosses[d], dishes[d]);
                                }
                            }
                        }

                        tracer?.Record(step + 1, dishes, gradientRms, [.. Enumerable.Repeat(stage.LearningRate, k)], cancellationToken);
                        var reported = lastLoss.Where(double.IsFinite).ToArray();
                        report(step + 1, totalSteps, reported.Length == 0 ? double.NaN : reported.Average());
                    }
                }
                finally
                {
                    optimizers.ForEach(o => o.Dispose());
                }
            }
        }
        catch
        {
            Array.ForEach(best, b => b?.Dispose());
            throw;
        }

        var results = new DishFitResult[k];
        for (var d = 0; d < k; d++)
        {
            if (best[d] is { } kept)
            {
                kept.Restore(dishes[d]);
                kept.Dispose();
            }

        }

        var fits = Calibrate(dishes, assignments);
        for (var d = 0; d < k; d++)
        {
            results[d] = new DishFitResult(firstLoss[d], lastLoss[d], skipped[d], diverged[d], best[d]?.Step ?? step, best[d]?.Loss ?? double.NaN, fits[d].Learned, fits[d].HeldOut, fits[d].All);
        }

        return results;
    }

    /// <summary>One outer step of every dish: one program forward and backward, each dish's own Adam step. Returns each dish's meta-gradient RMS (NaN where it skipped).</summary>
    private double[] OuterStep(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<DishAssignment> assignments, List<HeldOptimizer> optimizers, ISet<string>[] diverged, int[] skipped, double[] firstLoss, double[] lastLoss)
    {
        foreach (var dish in dishes)
        {
            dish.XTrain.requires_grad_(true);
            dish.XValid.requires_grad_(true);
        }

        try
        {
            using var scope = NewDisposeScope();
            var losses = OuterLosses(dishes, assignments, diverged);
            optimizers.ForEach(o => o.ZeroGrad());
            var live = Enumerable.Range(0, dishes.Count).Where(d => losses[d] is not null).ToList();
            if (live.Count > 0)
            {
                // Each loss depends on its own dish's data only: the sum's gradient is each dish's own.
                var total = live.Skip(1).Aggregate(losses[live[0]]!, (sum, d) => sum.add(losses[d]!, HeldScalars.One));
                total.backward();
            }

            var gradientRms = Enumerable.Repeat(double.NaN, dishes.Count).ToArray();
            for (var d = 0; d < dishes.Count; d++)
            {
                // A dish with too few finite motifs, or a poisoned meta-gradient, skips the step: one bad
                // step must not wreck what the dish has learned so far.
                if (losses[d] is null || !GradientsAreFinite(dishes[d]))
                {
                    skipped[d]++;
                    continue;
                }

                gradientRms[d] = GradientRms(dishes[d]);
                optimizers[d].Step();
                lastLoss[d] = losses[d]!.to(ScalarType.Float64).item<double>();
                firstLoss[d] = double.IsNaN(firstLoss[d]) ? lastLoss[d] : firstLoss[d];
            }

            return gradientRms;
        }
        finally
        {
            foreach (var dish in dishes)
            {
                dish.XTrain.requires_grad_(false);
                dish.XValid.requires_grad_(false);
            }
        }
    }

    /// <summary>Each dish's outer loss on its held-out motifs (no meta-gradient); NaN for a dish without a hold-out.</summary>
    private double[] HeldOutLosses(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<DishAssignment> assignments, CancellationToken cancellationToken)
    {
        var result = Enumerable.Repeat(double.NaN, dishes.Count).ToArray();
        var withHoldOut = Enumerable.Range(0, dishes.Count).Where(d => assignments[d].HeldOut is not null).ToList();
        if (withHoldOut.Count == 0)
        {
            return result;
        }

        using var scope = NewDisposeScope();
        var losses = ValidationLosses([.. withHoldOut.Select(d => dishes[d])], [.. withHoldOut.Select(d => assignments[d].HeldOut!.Motifs)], cancellationToken);
        for (var j = 0; j < withHoldOut.Count; j++)
        {
            var heldOut = assignments[withHoldOut[j]].HeldOut!;
            if (!losses[j].isfinite().all().item<bool>())
            {
                result[withHoldOut[j]] = double.PositiveInfinity;
                continue;
            }

            using var target = tensor(heldOut.Targets, dtype: dtype, device: device);
            result[withHoldOut[j]] = Mismatch(losses[j], target).to(ScalarType.Float64).item<double>();
        }

        return result;
    }

    /// <summary>One dish's per-motif validation losses, without the meta-gradient, in chunks.</summary>
    public Tensor ValidationLosses(SyntheticDish dish, IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken) =>
        ValidationLosses([dish], [motifs], cancellationToken)[0];

    /// <summary>
    /// Each dish's validation losses of its own motifs, without the meta-gradient: the dishes side by
    /// side in chunks of at most <see cref="PetriDishSettings.InferenceBatchSize"/> motif-networks in all.
    /// </summary>
    public Tensor[] ValidationLosses(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<IReadOnlyList<IMotif>> motifs, CancellationToken cancellationToken)
    {
        var perDish = Math.Max(1, settings.InferenceBatchSize / dishes.Count);
        var longest = motifs.Max(m => m.Count);
        var chunks = dishes.Select(_ => new List<Tensor>()).ToArray();
        for (var start = 0; start < longest; start += perDish)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var slice = motifs.Select(m => (IReadOnlyList<IMotif>)[.. m.Skip(start).Take(perDish)]).ToList();
            var losses = Run(dishes, slice, differentiable: false);
            for (var d = 0; d < dishes.Count; d++)
            {
                chunks[d].Add(losses[d].detach().MoveToOuterDisposeScope());
            }
        }

        var all = chunks.Select(c => c.Count == 0 ? empty(0, dtype: dtype, device: device) : cat(c, 0)).ToArray();
        Array.ForEach(chunks, c => c.ForEach(t => t.Dispose()));
        return all;
    }

    /// <summary>One dish's outer loss; see <see cref="OuterLosses"/>.</summary>
    internal Tensor? OuterLoss(SyntheticDish dish, IReadOnlyList<IMotif> motifs, double[] groundTruthLoss, ISet<string> diverged) =>
        OuterLosses([dish], [new DishAssignment(motifs, groundTruthLoss, null)], [diverged])[0];

    /// <summary>
    /// Every dish's outer loss with its meta-gradient graph; null for a dish left with fewer than 3
    /// motifs whose inner training stays finite.
    /// </summary>
    internal Tensor?[] OuterLosses(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<DishAssignment> assignments, ISet<string>[] diverged)
    {
        var losses = new Tensor?[dishes.Count];
        var active = assignments.Select((a, d) => Enumerable.Range(0, a.Motifs.Count).Where(i => !diverged[d].Contains(a.Motifs[i].Key)).ToList()).ToArray();
        var pending = Enumerable.Range(0, dishes.Count).Where(d => active[d].Count >= 3).ToList();
        using var l2Weight = settings.L2.ToScalar();
        while (pending.Count > 0)
        {
            var validation = Run([.. pending.Select(d => dishes[d])], [.. pending.Select(d => (IReadOnlyList<IMotif>)[.. active[d].Select(i => assignments[d].Motifs[i])])], differentiable: true);
            var retry = new List<int>();
            for (var j = 0; j < pending.Count; j++)
            {
                var d = pending[j];
                var finite = validation[j].detach().isfinite().cpu().data<bool>().ToArray();
                if (finite.All(f => f))
                {
                    var dish = dishes[d];
                    var target = tensor(active[d].Select(i => assignments[d].Targets[i]).ToArray(), dtype: dtype, device: device);
                    var mismatch = Mismatch(validation[j], target);
                    var l2 = dish.XTrain.mul(dish.XTrain).sum().add(dish.XValid.mul(dish.XValid).sum(), HeldScalars.One).mul(l2Weight);
                    losses[d] = mismatch.add(l2, HeldScalars.One);
                    continue;
                }

                // A motif whose training diverges in the dish would put NaN into the shared meta-gradient:
                // leave it out of this dish's outer loss from now on, and say so.
                for (var i = 0; i < finite.Length; i++)
                {
                    if (!finite[i])
                    {
                        diverged[d].Add(assignments[d].Motifs[active[d][i]].Key);
                    }
                }

                active[d] = [.. active[d].Where((_, i) => finite[i])];
                if (active[d].Count >= 3)
                {
                    retry.Add(d);
                }
            }

            pending = retry;
        }

        return losses;
    }

    /// <summary>
    /// Each dish's validation losses of its motifs. Networks with managed kernels: each dish trains its
    /// own networks, the dishes in parallel, as one graph node (<see cref="ManagedUnrollFunction"/>) where
    /// a meta-gradient is needed. Otherwise all dishes' motif-networks in one program where the network
    /// takes per-network inputs (each network gets its dish's θ_init, synthetic data and labels), else
    /// one program per dish.
    /// </summary>
    private Tensor[] Run(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<IReadOnlyList<IMotif>> motifs, bool differentiable)
    {
        var result = new Tensor[dishes.Count];
        var present = Enumerable.Range(0, dishes.Count).Where(d => motifs[d].Count > 0).ToList();
        foreach (var d in Enumerable.Range(0, dishes.Count).Except(present))
        {
            result[d] = empty(0, dtype: dtype, device: device);
        }

        if (present.Count > 1 && RunSideBySideOnManagedKernels(dishes, motifs, present, differentiable, result))
        {
            return result;
        }

        if (present.Count > 1)
        {
            using var network = factory.Create([.. present.SelectMany(d => motifs[d])], options, device, dtype);
            // Block kernels share one dish's inputs across a block: they run dish by dish.
            if (network.AcceptsPerNetworkInputs && !_inner.RunsOnManagedKernels(network, dishes[present[0]].ThetaInit, differentiable))
            {
                var group = tensor(present.SelectMany((d, j) => Enumerable.Repeat((long)j, motifs[d].Count)).ToArray(), dtype: ScalarType.Int64, device: device);
                Tensor PerNetwork(Func<SyntheticDish, Tensor> part) => stack([.. present.Select(d => part(dishes[d]))], 0).index_select(0, group);
                var losses = _inner.Run(network, dishes[present[0]].Layout, PerNetwork(d => d.ThetaInit), PerNetwork(d => d.XTrain), PerNetwork(d => d.XValid), PerNetwork(d => d.Labels), differentiable).ValidationLoss;
                var split = losses.split([.. present.Select(d => (long)motifs[d].Count)], 0);
                for (var j = 0; j < present.Count; j++)
                {
                    result[present[j]] = split[j];
                }

                return result;
            }
        }

        foreach (var d in present)
        {
            using var network = factory.Create(motifs[d], options, device, dtype);
            result[d] = dishes[d].ValidationLosses(network, _inner, differentiable);
        }

        return result;
    }

    /// <summary>
    /// The dishes side by side on the managed kernels, one thread per dish up to
    /// <see cref="PetriDishSettings.Parallelism"/>; false (nothing done) where the networks have none.
    /// Each dish's arithmetic is the same on any thread, so results do not depend on the parallelism.
    /// </summary>
    private bool RunSideBySideOnManagedKernels(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<IReadOnlyList<IMotif>> motifs, List<int> present, bool differentiable, Tensor[] result)
    {
        var networks = present.Select(d => factory.Create(motifs[d], options, device, dtype)).ToList();
        try
        {
            if (!networks.All(n => _inner.RunsOnManagedKernels(n, dishes[present[0]].ThetaInit, differentiable)))
            {
                return false;
            }

            // Tensors are read here, on the calling thread; the threads below run managed code only.
            var inputs = present.Select(d => ManagedInputs.Of(dishes[d].ThetaInit, dishes[d].XTrain, dishes[d].XValid, dishes[d].Labels)).ToList();
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism };
            if (differentiable)
            {
                var unrolls = new ManagedUnroll[present.Count];
                Parallel.For(0, present.Count, parallel, j => unrolls[j] = _inner.Unroll(networks[j], inputs[j]));
                var x = present.SelectMany(d => new object[] { dishes[d].XTrain, dishes[d].XValid });
                var losses = ManagedUnrollFunction.apply([.. x, unrolls, Parallelism]);
                var split = losses.split([.. unrolls.Select(u => (long)u.ValidationLoss.Length)], 0);
                for (var j = 0; j < present.Count; j++)
                {
                    result[present[j]] = split[j];
                }
            }
            else
            {
                var validation = new float[present.Count][];
                Parallel.For(0, present.Count, parallel, j => validation[j] = _inner.TrainOnManagedKernels(networks[j], inputs[j]).Validation);
                for (var j = 0; j < present.Count; j++)
                {
                    result[present[j]] = tensor(validation[j]);
                }
            }

            return true;
        }
        finally
        {
            networks.ForEach(n => n.Dispose());
        }
    }

    private int Parallelism => settings.Parallelism ?? Environment.ProcessorCount;

    /// <summary>
    /// Sets each dish's calibration from its validation losses of all its observed motifs (learned and
    /// held out) and returns how well those losses fit the targets: the correlation of their z-scores
    /// on the learned motifs, on the held-out ones (NaN without a hold-out) and on both; all NaN for a
    /// dish whose training diverged for all its motifs but one.
    /// </summary>
    private (double Learned, double HeldOut, double All)[] Calibrate(IReadOnlyList<SyntheticDish> dishes, IReadOnlyList<DishAssignment> assignments)
    {
        using var scope = NewDisposeScope();
        var all = ValidationLosses(dishes, [.. assignments.Select(a => (IReadOnlyList<IMotif>)(a.HeldOut is null ? a.Motifs : [.. a.Motifs, .. a.HeldOut.Motifs]))], CancellationToken.None);
        var fits = new (double, double, double)[dishes.Count];
        for (var d = 0; d < dishes.Count; d++)
        {
            var values = all[d].to(ScalarType.Float64).cpu().data<double>().ToArray();
            var losses = values.Where(double.IsFinite).ToArray();
            if (losses.Length < 2)
            {
                // Nothing to rank by: the dish cannot predict (MemberSelection leaves it out).
                fits[d] = (double.NaN, double.NaN, double.NaN);
                continue;
            }

            var dish = dishes[d];
            dish.LossMean = losses.Average();
            var std = Math.Sqrt(losses.Sum(l => (l - dish.LossMean) * (l - dish.LossMean)) / losses.Length);
            // All training motifs scoring alike in the dish leaves nothing to rank by; keep a unit scale
            // rather than dividing by zero.
            dish.LossStd = std > 1e-12 ? std : 1;
            var learned = assignments[d].Motifs.Count;
            fits[d] = (DishMismatch.Correlation(values[..learned], assignments[d].Targets),
                assignments[d].HeldOut is { } heldOut ? DishMismatch.Correlation(values[learned..], heldOut.Targets) : double.NaN,
                DishMismatch.Correlation(values, [.. assignments[d].Targets, .. assignments[d].HeldOut?.Targets ?? []]));
        }

        return fits;
    }

    /// <summary>The outer loss's fit term: mean squared difference of the z-normalised losses and targets.</summary>
    private static Tensor Mismatch(Tensor losses, Tensor targets)
    {
        // Held Scalars and x·x rather than square() (pow with an implicit Scalar): see HeldScalars.
        var difference = Standardise(losses).add(Standardise(targets), HeldScalars.MinusOne);
        return difference.mul(difference).mean();
    }

    private static Tensor Standardise(Tensor values)
    {
        using var tiny = 1e-12.ToScalar();
        return values.add(values.mean(), HeldScalars.MinusOne).div(values.std(unbiased: false).add(tiny, HeldScalars.One));
    }

    /// <summary>A copy of a dish's synthetic inputs after some outer step.</summary>
    private sealed class Snapshot(int step, double loss, SyntheticDish dish) : IDisposable
    {
        private readonly Tensor _train = dish.XTrain.detach().clone();
        private readonly Tensor _valid = dish.XValid.detach().clone();

        public int Step => step;

        public double Loss => loss;

        public void Restore(SyntheticDish target)
        {
            using var noGrad = no_grad();
            target.XTrain.copy_(_train);
            target.XValid.copy_(_valid);
        }

        public void Dispose()
        {
            _train.Dispose();
            _valid.Dispose();
        }
    }

    private static double GradientRms(SyntheticDish dish)
    {
        var values = new[] { dish.XTrain.grad, dish.XValid.grad }.Where(g => g is not null).SelectMany(g => g!.detach().to(ScalarType.Float64).cpu().data<double>().ToArray()).ToArray();
        return values.Length == 0 ? double.NaN : Math.Sqrt(values.Average(v => v * v));
    }

    private static bool GradientsAreFinite(SyntheticDish dish) =>
        new[] { dish.XTrain.grad, dish.XValid.grad }.All(g => g is null || g.isfinite().all().item<bool>());
}
