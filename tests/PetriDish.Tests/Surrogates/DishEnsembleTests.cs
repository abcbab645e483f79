using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Surrogates;

/// <summary>
/// The default dish's ensemble (issue 25): dishes that did not fit or that rank random motifs unlike
/// the others are left out and reported; the rest predict by their median; it is the same whatever the
/// number of threads.
/// </summary>
public sealed class DishEnsembleTests
{
    private static readonly ActivationSearchSpace Space = new(new ActivationSettings(), TestContexts.Plugin());

    /// <summary>A rise and fall in the slope, peaked at 0.3, as the sigmoid-slope ground truth.</summary>
    private static List<Observation> Observations(params double[] slopes) =>
        [.. slopes.Select(c => new Observation(Space.At(c), -Math.Pow(Math.Log(c / 0.3), 2)))];

    private static List<Observation> Reversed(List<Observation> observations) => [.. observations.Select(o => o with { Score = -o.Score })];

    private static readonly double[] Slopes = [0.1, 0.2, 0.3, 0.45, 0.6, 0.8, 1.0, 1.3, 1.6, 2.0];

    private static PetriDishSettings Short(int ensemble, int? parallelism = null) => new()
    {
        Ensemble = ensemble,
        InnerSteps = 40,
        InnerLearningRate = 0.05,
        OuterSchedule = [new OuterStage { Steps = 12, LearningRate = 0.05 }],
        Parallelism = parallelism,
    };

    [Fact]
    public void A_poisoned_dish_that_ranks_the_space_backwards_is_outvoted_and_reported()
    {
        using var temp = new TempDirectory();
        var observations = Observations(Slopes);
        // Three dishes fitted to the observations, one fitted to their reverse: the poisoned member.
        var good = Saved(new PetriDishSettings { Ensemble = 3, HoldOut = 0, MinimumFit = -1, Consensus = 1, InnerSteps = 40, InnerLearningRate = 0.05, OuterSchedule = Short(1).OuterSchedule }, observations);
        var poisoned = Saved(Short(1), Reversed(observations));
        File.WriteAllBytes(temp.File("four.bin"), Concatenate(good, poisoned));

        // Reused as saved (no outer steps): no fit check, but the consensus still applies.
        using var surrogate = new PetriDishSurrogate(new PetriDishSettings { State = temp.File("four.bin"), OuterSchedule = [], InnerSteps = 40, InnerLearningRate = 0.05 }, Space, TestContexts.Plugin());
        var report = surrogate.Fit(observations, null, CancellationToken.None);

        Assert.Equal("3 of 4 dishes kept (1 outvoted)", report.Summary);
        var note = Assert.Single(report.Notes);
        Assert.StartsWith("dish 4 left out: outvoted: ranks 128 random motifs unlike the other dishes (Kendall τ ", note, StringComparison.Ordinal);
        Assert.Equal(0, report.Diagnostics["dish3_kept"]);
        var agreement = Enumerable.Range(0, 4).Select(d => report.Diagnostics[$"dish{d}_agreement"]).ToArray();
        Assert.True(agreement[3] < agreement[..3].Min(), $"agreement with the others: {string.Join(", ", agreement)} (the last poisoned)");

        // What is left ranks like the three good dishes: the peak beats both ends.
        var scores = surrogate.Predict([Space.At(0.3), Space.At(0.01), Space.At(2.0)], CancellationToken.None);
        Assert.True(scores[0] > scores[1] && scores[0] > scores[2], string.Join(", ", scores));
    }

    [Fact]
    public void A_dish_that_does_not_fit_is_left_out_and_reported_and_if_none_fits_the_best_is_kept_with_a_warning()
    {
        var observations = Observations(Slopes);
        using var impossible = new PetriDishSurrogate(new PetriDishSettings { Ensemble = 3, MinimumFit = 1.0, InnerSteps = 40, InnerLearningRate = 0.05, OuterSchedule = Short(1).OuterSchedule }, Space, TestContexts.Plugin());

        var report = impossible.Fit(observations, null, CancellationToken.None);

        // No dish correlates perfectly: all fail the check, the best one predicts, and the user is told.
        Assert.Equal("1 of 3 dishes kept (2 did not fit)", report.Summary);
        Assert.Equal(2, report.Notes.Count);
        Assert.All(report.Notes, n => Assert.Contains("did not fit: correlation ", n, StringComparison.Ordinal));
        Assert.All(report.Notes, n => Assert.Contains("below minimumFit 1.00", n, StringComparison.Ordinal));
        var warning = Assert.Single(report.Warnings);
        Assert.StartsWith("no dish reached minimumFit 1.00 (the best: 0.", warning, StringComparison.Ordinal);
        var kept = Enumerable.Range(0, 3).Single(d => report.Diagnostics[$"dish{d}_kept"] == 1);
        Assert.Equal(Enumerable.Range(0, 3).Max(d => report.Diagnostics[$"dish{d}_fit"]), report.Diagnostics[$"dish{kept}_fit"]);
        // With fewer than 5 held-out slopes the fit is judged on all of them (10 observations: 3 held out).
        Assert.Equal(3, report.Diagnostics["dishes"]);
    }

    [Fact]
    public void The_ensemble_is_the_same_on_one_thread_and_on_several()
    {
        var observations = Observations(Slopes);
        using var one = new PetriDishSurrogate(Short(4, parallelism: 1), Space, TestContexts.Plugin(seed: 3));
        using var several = new PetriDishSurrogate(Short(4, parallelism: 4), Space, TestContexts.Plugin(seed: 3));

        var reports = new[] { one.Fit(observations, null, CancellationToken.None), several.Fit(observations, null, CancellationToken.None) };

        Assert.Equal(reports[0].Diagnostics.Where(d => d.Key != "fit_seconds"), reports[1].Diagnostics.Where(d => d.Key != "fit_seconds"));
        var candidates = Enumerable.Range(0, 50).Select(i => (IMotif)Space.At(0.02 + (0.04 * i))).ToList();
        Assert.Equal(one.Predict(candidates, CancellationToken.None), several.Predict(candidates, CancellationToken.None));
    }

    [Fact]
    public void The_kept_dishes_predict_by_their_median_and_a_saved_ensemble_predicts_as_the_original()
    {
        var observations = Observations(Slopes);
        PetriDishSettings AllKept(EnsembleCombination combine) => new() { Ensemble = 3, MinimumFit = -1, Consensus = 1, Combine = combine, InnerSteps = 40, InnerLearningRate = 0.05, OuterSchedule = Short(1).OuterSchedule };
        using var median = new PetriDishSurrogate(AllKept(EnsembleCombination.Median), Space, TestContexts.Plugin(seed: 4));
        using var mean = new PetriDishSurrogate(AllKept(EnsembleCombination.Mean), Space, TestContexts.Plugin(seed: 4));
        Assert.Equal(3, median.Fit(observations, null, CancellationToken.None).Diagnostics["dishes_kept"]);
        mean.Fit(observations, null, CancellationToken.None);
        var candidates = Enumerable.Range(0, 20).Select(i => (IMotif)Space.At(0.05 + (0.1 * i))).ToList();

        // Same dishes, combined two ways: the two predictions differ.
        Assert.NotEqual(median.Predict(candidates, CancellationToken.None), mean.Predict(candidates, CancellationToken.None));

        using var state = new MemoryStream();
        median.Save(state);
        state.Position = 0;
        using var loaded = new PetriDishSurrogate(new PetriDishSettings { Combine = EnsembleCombination.Mean, InnerSteps = 40, InnerLearningRate = 0.05 }, Space, TestContexts.Plugin(seed: 99));
        loaded.Load(state);
        Assert.Equal(median.Predict(candidates, CancellationToken.None), loaded.Predict(candidates, CancellationToken.None));
    }

    [Fact]
    public void A_traced_fit_reports_every_member_after_every_step_and_fits_as_an_untraced_one()
    {
        var observations = Observations(Slopes);
        var probes = new IMotif[] { Space.At(0.05), Space.At(0.3), Space.At(1.9) };
        var records = new List<FitTraceRecord>();
        using var traced = new PetriDishSurrogate(Short(2), Space, TestContexts.Plugin(seed: 6));
        using var untraced = new PetriDishSurrogate(Short(2), Space, TestContexts.Plugin(seed: 6));

        traced.Fit(observations, new FitTrace(probes, records.Add), null, CancellationToken.None);
        untraced.Fit(observations, null, CancellationToken.None);

        Assert.Equal([.. Enumerable.Range(0, 13).SelectMany(step => new[] { (0, step), (1, step) })], records.Select(r => (r.Member, r.Step)));
        Assert.All(records, r => Assert.Equal(3, r.ProbeScores.Count));
        Assert.All(records, r => Assert.Contains("held_out_mismatch", r.Figures.Keys));
        Assert.True(double.IsNaN(records[0].Figures["meta_gradient_rms"]) && records[^1].Figures["meta_gradient_rms"] > 0);
        // The first member learns: its outer loss on the slopes it learns from falls.
        var member0 = records.Where(r => r.Member == 0).ToList();
        Assert.True(member0[^1].Figures["learned_mismatch"] < member0[0].Figures["learned_mismatch"], $"{member0[0].Figures["learned_mismatch"]} → {member0[^1].Figures["learned_mismatch"]}");
        Assert.Equal(untraced.Predict(probes, CancellationToken.None), traced.Predict(probes, CancellationToken.None));
    }

    private static byte[] Saved(PetriDishSettings settings, List<Observation> observations)
    {
        using var surrogate = new PetriDishSurrogate(settings, Space, TestContexts.Plugin(seed: 2));
        surrogate.Fit(observations, null, CancellationToken.None);
        using var stream = new MemoryStream();
        surrogate.Save(stream);
        return stream.ToArray();
    }

    /// <summary>
    /// One saved ensemble of both files' dishes: the first's header (format, combination, calibration),
    /// the dish count added up, then the first's dishes and the second's.
    /// </summary>
    private static byte[] Concatenate(byte[] first, byte[] second)
    {
        static (string Magic, string Combination, double Mean, double Std, int Count, byte[] Dishes) Parse(byte[] bytes)
        {
            using var reader = new BinaryReader(new MemoryStream(bytes));
            var header = (reader.ReadString(), reader.ReadString(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadInt32());
            var rest = bytes[(int)reader.BaseStream.Position..];
            return (header.Item1, header.Item2, header.Item3, header.Item4, header.Item5, rest);
        }

        var (a, b) = (Parse(first), Parse(second));
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(a.Magic);
            writer.Write(a.Combination);
            writer.Write(a.Mean);
            writer.Write(a.Std);
            writer.Write(a.Count + b.Count);
            writer.Write(a.Dishes);
            writer.Write(b.Dishes);
        }

        Assert.Equal("petri-dish/2", a.Magic);
        Assert.Equal(string.Format(CultureInfo.InvariantCulture, "{0}", EnsembleCombination.Median), a.Combination);
        return stream.ToArray();
    }
}
