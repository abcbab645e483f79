using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PetriDish.Abstractions;
using static TorchSharp.torch;
using PetriDish.Sdk;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.Ensembles;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>
/// The Synthetic Petri Dish: every motif is trained in a tiny motif-network on a few learned synthetic
/// samples and scored on learned synthetic validation samples; the synthetic data is meta-learned so
/// that this ranking matches the ground truth on the observed motifs. An ensemble of independent dishes
/// averages their calibrated scores.
/// </summary>
public sealed class PetriDishSurrogate : ISurrogate, IFitTracing, IDisposable
{
    // A motif whose training diverges in the dish scores this many standard deviations below the mean.
    private const double DivergedScore = -10;
    // Version 1 states (before the ensemble's combination was saved) averaged their dishes.
    private const string MagicVersion1 = "petri-dish/1";
    private const string Magic = "petri-dish/2";

    private readonly PetriDishSettings _settings;
    private readonly ISearchSpace _space;
    private readonly PluginContext _context;
    private readonly MotifNetworkOptions _options;
    private readonly ScalarType _dtype;
    private readonly DishTrainer _trainer;
    private readonly ILogger _logger;
    private List<SyntheticDish> _dishes = [];
    private double _scoreMean;
    private double _scoreStd = 1;
    private EnsembleCombination _combination = EnsembleCombination.Median;

    public PetriDishSurrogate(PetriDishSettings settings, ISearchSpace space, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings;
        _space = space;
        _context = context;
        var defaults = space.MotifNetworks.DefaultOptions;
        _options = defaults with
        {
            Width = settings.Width ?? defaults.Width,
            SampleShape = settings.SampleShape ?? defaults.SampleShape,
            InitScale = settings.InitScale ?? defaults.InitScale,
        };
        _dtype = settings.Precision == Precision.Float64 ? ScalarType.Float64 : ScalarType.Float32;
        _trainer = new DishTrainer(settings, space.MotifNetworks, _options, context.Device, _dtype);
        _logger = context.LoggerFactory.CreateLogger<PetriDishSurrogate>();
    }

    public int MinimumObservations => 3;

    /// <summary>With <see cref="PetriDishSettings.WarmStart"/>, each fit continues from the previous fit's dishes.</summary>
    public bool ContinuesFromPreviousFit => _settings.WarmStart;

    /// <summary>Whether a fit meta-learns (has outer steps); without, the dishes are used as drawn (or as loaded).</summary>
    private bool MetaLearns => _settings.OuterSchedule.Sum(s => s.Steps) > 0;

    /// <summary>True once fitted or loaded.</summary>
    public bool IsFitted => _dishes.Count > 0;

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken) =>
        Fit(observations, null, progress, cancellationToken);

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, FitTrace? trace, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        EnsureUsable(observations);
        var clock = Stopwatch.StartNew();
        var motifs = observations.Select(o => o.Motif).ToList();
        // The dish ranks by loss (lower is better); observations carry scores (higher is better).
        var losses = observations.Select(o => -o.Score).ToArray();
        var dishes = StartingDishes();
        var warnings = new List<string>();
        var diagnostics = new Dictionary<string, double>();
        _trainer.Inner.TakePathsUsed(); // what ran before this fit (scoring) is not this fit's
        IReadOnlyList<MemberVerdict> verdicts;
        try
        {
            var assignments = Enumerable.Range(0, dishes.Count).Select(d =>
            {
                var targets = OuterTargets(losses, d);
                var (learned, heldOut) = Split(motifs, targets, d);
                return new DishAssignment([.. learned.Select(i => motifs[i])], [.. learned.Select(i => targets[i])], heldOut);
            }).ToList();
            var ensemble = dishes.Count == 1 ? "" : $", {dishes.Count} dishes side by side";
            var droppedBefore = _trainer.Inner.DroppedMetaGradients;
            var results = _trainer.Fit(dishes, assignments, (step, total, loss) =>
                progress?.Report(new ProgressUpdate((double)step / Math.Max(1, total),
                    string.Create(CultureInfo.InvariantCulture, $"outer step {step}/{total}{ensemble}, loss {loss:F4}"))), cancellationToken,
                trace is null ? null : new DishTracer(_trainer, trace, assignments));
            verdicts = MemberSelection.Choose(_settings, results, [.. assignments.Select(a => a.HeldOut?.Motifs.Count ?? 0)], MetaLearns, members => ConsensusScores([.. members.Select(d => dishes[d])], cancellationToken));
            for (var d = 0; d < dishes.Count; d++)
            {
                var result = results[d];
                diagnostics[$"dish{d}_outer_loss_first"] = result.FirstLoss;
                diagnostics[$"dish{d}_outer_loss_final"] = result.FinalLoss;
                diagnostics[$"dish{d}_learned_fit"] = result.LearnedFit;
                diagnostics[$"dish{d}_fit"] = verdicts[d].Fit;
                if (assignments[d].HeldOut is not null)
                {
                    diagnostics[$"dish{d}_kept_step"] = result.KeptStep;
                    diagnostics[$"dish{d}_held_out_loss"] = result.HeldOutLoss;
                    diagnostics[$"dish{d}_held_out_fit"] = result.HeldOutFit;
                }

                diagnostics[$"dish{d}_agreement"] = verdicts[d].Agreement;
                diagnostics[$"dish{d}_kept"] = verdicts[d].Outcome == MemberOutcome.Kept ? 1 : 0;

                if (result.SkippedSteps > 0)
                {
                    warnings.Add($"dish {d + 1}: {result.SkippedSteps} outer step(s) skipped because the meta-gradient was not finite");
                }

                if (result.Diverged.Count > 0)
                {
                    warnings.Add($"dish {d + 1}: inner training diverged for {result.Diverged.Count} motif(s), left out of the outer loss: {string.Join(", ", result.Diverged.Take(10))}{(result.Diverged.Count > 10 ? ", …" : "")}");
                }
            }

            if (_trainer.Inner.DroppedMetaGradients - droppedBefore is > 0 and var dropped)
            {
                diagnostics["dropped_meta_gradients"] = dropped;
                warnings.Add($"{dropped} time(s) a motif's share of the meta-gradient overflowed float32 and was left out of that outer step (its loss still counted)");
            }
        }
        catch
        {
            dishes.ForEach(dish => dish.Dispose());
            throw;
        }

        // Only the kept dishes predict (and are saved); the verdicts say what became of the others.
        foreach (var verdict in verdicts.Where(v => v.Outcome != MemberOutcome.Kept))
        {
            dishes[verdict.Member].Dispose();
        }

        Replace([.. verdicts.Where(v => v.Outcome == MemberOutcome.Kept).Select(v => dishes[v.Member])]);
        _combination = _settings.Combine;
        var scores = observations.Select(o => o.Score).ToArray();
        _scoreMean = scores.Average();
        _scoreStd = Math.Sqrt(scores.Sum(s => (s - _scoreMean) * (s - _scoreMean)) / scores.Length);
        var kept = verdicts.Count(v => v.Outcome == MemberOutcome.Kept);
        diagnostics["dishes"] = verdicts.Count;
        diagnostics["dishes_kept"] = kept;
        diagnostics["fit_seconds"] = clock.Elapsed.TotalSeconds;
        if (MetaLearns && verdicts.All(v => v.Outcome != MemberOutcome.Kept || v.Fit < _settings.MinimumFit))
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture, $"no dish reached minimumFit {_settings.MinimumFit:F2} (the best: {verdicts.Max(v => v.Fit):F2}); its predictions are kept but may rank poorly"));
        }

        foreach (var warning in warnings)
        {
            _logger.LogWarning("{Warning}", warning);
        }

        // Which way the inner training computed (managed kernels or the tensor program): the same
        // arithmetic up to rounding, but the speed of a fit depends on it, and authors of a new motif
        // type need to see whether their kernel was used.
        var paths = _trainer.Inner.TakePathsUsed();
        foreach (var path in paths)
        {
            diagnostics[ComputePathSelector.DiagnosticName(path)] = 1;
        }

        var computed = "compute path: " + (paths.Count == 0 ? "none (no inner training)" : string.Join("; ", paths.Select(ComputePathSelector.Describe)));
        _logger.LogInformation("{ComputePath}", computed);
        var notes = verdicts.Where(v => v.Outcome != MemberOutcome.Kept).Select(v => $"dish {v.Member + 1} left out: {v.Reason}").ToList();
        var summary = verdicts.Count == 1 ? null : Summary(verdicts);
        return new SurrogateFitReport(diagnostics, warnings) { Summary = summary, Notes = notes };
    }

    private static string Summary(IReadOnlyList<MemberVerdict> verdicts)
    {
        var notFitted = verdicts.Count(v => v.Outcome == MemberOutcome.NotFitted);
        var outvoted = verdicts.Count(v => v.Outcome == MemberOutcome.Outvoted);
        var reasons = new List<string>();
        if (notFitted > 0)
        {
            reasons.Add($"{notFitted} did not fit");
        }

        if (outvoted > 0)
        {
            reasons.Add($"{outvoted} outvoted");
        }

        return $"{verdicts.Count(v => v.Outcome == MemberOutcome.Kept)} of {verdicts.Count} dishes kept{(reasons.Count == 0 ? "" : $" ({string.Join(", ", reasons)})")}";
    }

    /// <summary>Each dish's calibrated scores of the same random motifs of the space (for <see cref="MemberSelection"/>).</summary>
    private double[][] ConsensusScores(IReadOnlyList<SyntheticDish> dishes, CancellationToken cancellationToken)
    {
        var random = new DeterministicRandom(Seeds.Derive(_context.Seed, "petri-dish-consensus"));
        var probes = Enumerable.Range(0, MemberSelection.ConsensusProbes).Select(_ => _space.Sample(random)).ToList();
        using var scope = NewDisposeScope();
        var losses = _trainer.ValidationLosses(dishes, [.. dishes.Select(_ => (IReadOnlyList<IMotif>)probes)], cancellationToken);
        return [.. dishes.Select((dish, d) => dish.Scores(losses[d], DivergedScore))];
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        if (!IsFitted)
        {
            throw new InvalidOperationException("the Petri dish has not been fitted (or loaded) yet");
        }

        if (motifs.Count == 0)
        {
            return [];
        }

        // Back on the ground truth's scale (as scores), so that predictions read like the values they stand for.
        return [.. Combined(motifs, cancellationToken).Select(s => _scoreMean + (_scoreStd * s))];
    }

    /// <summary>The kept dishes' calibrated scores (z-scores on the observations' scale), combined.</summary>
    private double[] Combined(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        double[][] scores;
        using (var scope = NewDisposeScope())
        {
            // Every dish ranks the same candidates, side by side (see DishTrainer).
            var losses = _trainer.ValidationLosses(_dishes, [.. _dishes.Select(_ => motifs)], cancellationToken);
            scores = [.. _dishes.Select((dish, d) => dish.Scores(losses[d], DivergedScore))];
        }

        return [.. Enumerable.Range(0, motifs.Count).Select(i => _combination == EnsembleCombination.Median
            ? MemberSelection.Median(scores.Select(s => s[i]))
            : scores.Average(s => s[i]))];
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(_combination.ToString());
        writer.Write(_scoreMean);
        writer.Write(_scoreStd);
        writer.Write(_dishes.Count);
        foreach (var dish in _dishes)
        {
            dish.Save(writer);
        }

    }

    public void Load(Stream stream) => Replace(Read(stream, "state"));

    public void Dispose() => Replace([]);

    private List<SyntheticDish> Read(Stream stream, string origin)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        string magic;
        try
        {
            magic = reader.ReadString();
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{origin}: empty or truncated Petri dish state", ex);
        }

        if (magic != Magic && magic != MagicVersion1)
        {
            throw new InvalidDataException($"{origin}: not a saved Petri dish (found '{magic}', expected '{Magic}')");
        }

        var combination = magic == MagicVersion1 ? EnsembleCombination.Mean
            : Enum.TryParse<EnsembleCombination>(reader.ReadString(), out var saved) ? saved
            : throw new InvalidDataException($"{origin}: the saved Petri dish names an unknown combination of its dishes");
        _combination = combination;

        _scoreMean = reader.ReadDouble();
        _scoreStd = reader.ReadDouble();
        var dishes = Enumerable.Range(0, reader.ReadInt32()).Select(_ => SyntheticDish.Load(reader, _context.Device, _dtype)).ToList();
        foreach (var dish in dishes)
        {
            dish.EnsureCompatible(_space.MotifNetworks, _options, _settings.Samples, origin);
        }

        return dishes;
    }

    /// <summary>Dish <paramref name="dish"/>'s outer-loss targets: the losses themselves or their ranks (ties share their mean rank).</summary>
    private double[] OuterTargets(double[] losses, int dish) => _settings.OuterTarget switch
    {
        OuterTarget.Values => losses,
        OuterTarget.Ranks => Ranks.Average(losses),
        _ => dish % 2 == 0 ? losses : Ranks.Average(losses),
    };

    /// <summary>Which observations dish <paramref name="dish"/> learns from, and the ones it holds out (its own draw).</summary>
    private (int[] Learned, HeldOut? HeldOut) Split(List<IMotif> motifs, double[] targets, int dish)
    {
        // At least 3 on each side: fewer cannot rank (held out) or be standardised (learned); with fewer
        // than 6 observations, or no outer steps to choose among, every dish learns from all.
        if (_settings.HoldOut <= 0 || !MetaLearns || motifs.Count < 6)
        {
            return ([.. Enumerable.Range(0, motifs.Count)], null);
        }

        var count = Math.Clamp((int)Math.Round(_settings.HoldOut * motifs.Count), 3, motifs.Count - 3);
        var random = new DeterministicRandom(Seeds.Derive(_context.Seed, "petri-dish-hold-out", dish));
        var shuffled = Enumerable.Range(0, motifs.Count).OrderBy(_ => random.NextDouble()).ToArray();
        var held = shuffled.Take(count).Order().ToArray();
        return ([.. shuffled.Skip(count).Order()], new HeldOut([.. held.Select(i => motifs[i])], [.. held.Select(i => targets[i])]));
    }

    private List<SyntheticDish> StartingDishes()
    {
        if (_settings.WarmStart && _dishes.Count > 0)
        {
            // A copy through the saved form: the previous fit's dishes keep predicting if this fit fails.
            using var previous = new MemoryStream();
            Save(previous);
            previous.Position = 0;
            var continued = Read(previous, "the previous fit");
            return [.. continued, .. Enumerable.Range(continued.Count, Math.Max(0, _settings.Ensemble - continued.Count)).Select(FreshDish)];
        }

        if (_settings.State is { } path)
        {
            using var file = File.OpenRead(_context.ResolvePath(path));
            return Read(file, path);
        }

        return [.. Enumerable.Range(0, _settings.Ensemble).Select(FreshDish)];
    }

    private SyntheticDish FreshDish(int member) =>
        SyntheticDish.Create(_space.MotifNetworks, _options, _settings.Samples, Seeds.Derive(_context.Seed, "petri-dish", member), _context.Device, _dtype);

    private void Replace(List<SyntheticDish> dishes)
    {
        foreach (var dish in _dishes)
        {
            dish.Dispose();
        }

        _dishes = dishes;
    }

    private static void EnsureUsable(IReadOnlyList<Observation> observations)
    {
        if (observations.Count < 3)
        {
            throw new ArgumentException($"the Petri dish needs at least 3 observations to fit, got {observations.Count}");
        }

        if (observations.FirstOrDefault(o => !double.IsFinite(o.Score)) is { } bad)
        {
            throw new ArgumentException($"the observation of {bad.Motif.Key} is not a finite number ({bad.Score})");
        }

        if (observations.Select(o => o.Score).Distinct().Count() == 1)
        {
            throw new ArgumentException("every observation has the same value: there is no ranking to learn");
        }
    }
}
