using PetriDish.Abstractions;
using static TorchSharp.torch;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

/// <summary>
/// Reports an ensemble's fit step by step (<see cref="IFitTracing"/>): after every outer step, each
/// dish scores its learned motifs, its held-out motifs and the caller's probes, and says how its
/// synthetic data and meta-gradient look.
/// </summary>
internal sealed class DishTracer(DishTrainer trainer, FitTrace trace, IReadOnlyList<DishAssignment> assignments)
{
    /// <summary>Records every dish at <paramref name="step"/> (0: as drawn); <paramref name="metaGradientRms"/> and <paramref name="learningRates"/> are those of the step that led here (NaN at step 0).</summary>
    public void Record(int step, IReadOnlyList<SyntheticDish> dishes, double[] metaGradientRms, double[] learningRates, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        var lists = assignments.Select(a => (IReadOnlyList<IMotif>)[.. a.Motifs, .. a.HeldOut?.Motifs ?? [], .. trace.Probes]).ToList();
        var losses = trainer.ValidationLosses(dishes, lists, cancellationToken);
        for (var d = 0; d < dishes.Count; d++)
        {
            var all = losses[d].to(ScalarType.Float64).cpu().data<double>().ToArray();
            var assignment = assignments[d];
            var learned = all.AsSpan(0, assignment.Motifs.Count).ToArray();
            var heldOutCount = assignment.HeldOut?.Motifs.Count ?? 0;
            var dish = dishes[d];
            var figures = new Dictionary<string, double>
            {
                ["learned_mismatch"] = DishMismatch.Of(learned, assignment.Targets),
                ["held_out_mismatch"] = assignment.HeldOut is { } held ? DishMismatch.Of(all.AsSpan(learned.Length, heldOutCount).ToArray(), held.Targets) : double.NaN,
                ["loss_mean"] = learned.Where(double.IsFinite).DefaultIfEmpty(double.NaN).Average(),
                ["loss_std"] = PopulationStd(learned),
                ["x_train_rms"] = Rms(Floats(dish.XTrain)),
                ["x_valid_rms"] = Rms(Floats(dish.XValid)),
                ["x_gap_rms"] = Rms(Floats(dish.XTrain).Zip(Floats(dish.XValid), (a, b) => a - b).ToArray()),
                ["meta_gradient_rms"] = metaGradientRms[d],
                ["learning_rate"] = learningRates[d],
            };
            var probes = all.AsSpan(learned.Length + heldOutCount).ToArray();
            trace.Record(new FitTraceRecord(d, step, figures, [.. probes.Select(l => double.IsFinite(l) ? -l : double.NegativeInfinity)]));
        }
    }

    private static double[] Floats(Tensor values) => values.detach().to(ScalarType.Float64).cpu().data<double>().ToArray();

    private static double Rms(double[] values) => Math.Sqrt(values.Average(v => v * v));

    private static double PopulationStd(double[] values)
    {
        var finite = values.Where(double.IsFinite).ToArray();
        if (finite.Length == 0)
        {
            return double.NaN;
        }

        var mean = finite.Average();
        return Math.Sqrt(finite.Sum(v => (v - mean) * (v - mean)) / finite.Length);
    }
}
