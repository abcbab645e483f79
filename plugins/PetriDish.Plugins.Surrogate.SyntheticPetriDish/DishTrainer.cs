using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>
/// The outer loop: adjusts a dish's synthetic inputs so that the motifs' validation losses in the dish,
/// z-normalised, match their z-normalised ground-truth losses (mean squared error plus a small L2).
/// </summary>
internal sealed class DishTrainer(PetriDishSettings settings, IMotifNetworkFactory factory, MotifNetworkOptions options, Device device, ScalarType dtype)
{
    private readonly InnerLoop _inner = new(settings.InnerOptimizer, settings.InnerSteps, settings.InnerLearningRate, settings.MetaGradientSteps);

    public InnerLoop Inner => _inner;

    /// <summary>
    /// Fits the dish; <paramref name="groundTruthLoss"/> is lower-is-better, one per motif. With
    /// <paramref name="heldOut"/>, the synthetic data of the outer step (0 = as drawn) with the lowest
    /// outer loss on the held-out motifs is kept: early stopping against over-fitting the few motifs learned from.
    /// </summary>
    public DishFitResult Fit(SyntheticDish dish, IReadOnlyList<IMotif> motifs, double[] groundTruthLoss, HeldOut? heldOut, Action<int, int, double> report, CancellationToken cancellationToken)
    {
        var totalSteps = settings.OuterSchedule.Sum(s => s.Steps);
        var diverged = new SortedSet<string>(StringComparer.Ordinal);
        var skipped = 0;
        var firstLoss = double.NaN;
        var lastLoss = double.NaN;
        var step = 0;
        var best = heldOut is null ? null : new Snapshot(0, HeldOutLoss(dish, heldOut, cancellationToken), dish);
        try
        {
            foreach (var stage in settings.OuterSchedule)
            {
                // A fresh Adam per block, as the official schedule does.
                using var optimizer = optim.Adam([dish.XTrain, dish.XValid], stage.LearningRate);
                for (var i = 0; i < stage.Steps; i++, step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    dish.XTrain.requires_grad_(true);
                    dish.XValid.requires_grad_(true);
                    using (var scope = NewDisposeScope())
                    {
                        var loss = OuterLoss(dish, motifs, groundTruthLoss, diverged);
                        optimizer.zero_grad();
                        if (loss is null)
                        {
                            skipped++;
                            continue;
                        }

                        loss.backward();
                        if (!GradientsAreFinite(dish))
                        {
                            // One poisoned step must not wreck what the dish has learned so far.
                            skipped++;
                            continue;
                        }

                        optimizer.step();
                        lastLoss = loss.to(ScalarType.Float64).item<double>();
                        firstLoss = double.IsNaN(firstLoss) ? lastLoss : firstLoss;
                    }

                    dish.XTrain.requires_grad_(false);
                    dish.XValid.requires_grad_(false);
                    if (heldOut is not null && HeldOutLoss(dish, heldOut, cancellationToken) is var held && held < best!.Loss)
                    {
                        best.Dispose();
                        best = new Snapshot(step + 1, held, dish);
                    }

                    report(step + 1, totalSteps, lastLoss);
                }
            }
        }
        catch
        {
            best?.Dispose();
            throw;
        }
        finally
        {
            dish.XTrain.requires_grad_(false);
            dish.XValid.requires_grad_(false);
        }

        if (best is not null)
        {
            best.Restore(dish);
            best.Dispose();
        }

        Calibrate(dish, heldOut is null ? motifs : [.. motifs, .. heldOut.Motifs]);
        return new DishFitResult(firstLoss, lastLoss, skipped, diverged, best?.Step ?? step, best?.Loss ?? double.NaN);
    }

    /// <summary>The outer loss on motifs the dish does not learn from (no meta-gradient).</summary>
    private double HeldOutLoss(SyntheticDish dish, HeldOut heldOut, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        var losses = ValidationLosses(dish, heldOut.Motifs, cancellationToken);
        var finite = losses.isfinite();
        if (!finite.all().item<bool>())
        {
            return double.PositiveInfinity;
        }

        using var target = tensor(heldOut.Targets, dtype: dtype, device: device);
        var difference = Standardise(losses).add(Standardise(target), HeldScalars.MinusOne);
        return difference.mul(difference).mean().to(ScalarType.Float64).item<double>();
    }

    /// <summary>The per-motif validation losses in the dish, without the meta-gradient, in chunks.</summary>
    public Tensor ValidationLosses(SyntheticDish dish, IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        var chunks = new List<Tensor>();
        for (var start = 0; start < motifs.Count; start += settings.InferenceBatchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var chunk = motifs.Skip(start).Take(settings.InferenceBatchSize).ToList();
            using var network = factory.Create(chunk, options, device, dtype);
            chunks.Add(dish.ValidationLosses(network, _inner, differentiable: false).detach().MoveToOuterDisposeScope());
        }

        var all = cat(chunks, 0);
        chunks.ForEach(c => c.Dispose());
        return all;
    }

    internal Tensor? OuterLoss(SyntheticDish dish, IReadOnlyList<IMotif> motifs, double[] groundTruthLoss, ISet<string> diverged)
    {
        var active = Enumerable.Range(0, motifs.Count).Where(i => !diverged.Contains(motifs[i].Key)).ToList();
        while (active.Count >= 3)
        {
            using var network = factory.Create([.. active.Select(i => motifs[i])], options, device, dtype);
            var validation = dish.ValidationLosses(network, _inner, differentiable: true);
            var finite = validation.detach().isfinite().cpu().data<bool>().ToArray();
            if (finite.All(f => f))
            {
                var target = tensor(active.Select(i => groundTruthLoss[i]).ToArray(), dtype: dtype, device: device);
                // Held Scalars and x·x rather than square() (pow with an implicit Scalar): see HeldScalars.
                var difference = Standardise(validation).add(Standardise(target), HeldScalars.MinusOne);
                var mismatch = difference.mul(difference).mean();
                using var l2Weight = settings.L2.ToScalar();
                var l2 = dish.XTrain.mul(dish.XTrain).sum().add(dish.XValid.mul(dish.XValid).sum(), HeldScalars.One).mul(l2Weight);
                return mismatch.add(l2, HeldScalars.One);
            }

            // A motif whose training diverges in the dish would put NaN into the shared meta-gradient:
            // leave it out of the outer loss from now on, and say so.
            for (var j = 0; j < finite.Length; j++)
            {
                if (!finite[j])
                {
                    diverged.Add(motifs[active[j]].Key);
                }
            }

            active = [.. active.Where((_, j) => finite[j])];
        }

        return null;
    }

    private void Calibrate(SyntheticDish dish, IReadOnlyList<IMotif> motifs)
    {
        using var scope = NewDisposeScope();
        var losses = ValidationLosses(dish, motifs, CancellationToken.None).to(ScalarType.Float64).cpu().data<double>().Where(double.IsFinite).ToArray();
        if (losses.Length < 2)
        {
            throw new InvalidOperationException("training diverged in the Petri dish for all but one motif; try a smaller innerLearningRate");
        }

        dish.LossMean = losses.Average();
        var std = Math.Sqrt(losses.Sum(l => (l - dish.LossMean) * (l - dish.LossMean)) / losses.Length);
        // All training motifs scoring alike in the dish leaves nothing to rank by; keep a unit scale
        // rather than dividing by zero.
        dish.LossStd = std > 1e-12 ? std : 1;
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

    private static bool GradientsAreFinite(SyntheticDish dish) =>
        new[] { dish.XTrain.grad, dish.XValid.grad }.All(g => g is null || g.isfinite().all().item<bool>());
}
