using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using PetriDish.Abstractions;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish;

/// <summary>
/// The Synthetic Petri Dish: every motif is trained in a tiny motif-network on a few learned synthetic
/// samples and scored on learned synthetic validation samples; the synthetic data is meta-learned so
/// that this ranking matches the ground truth on the observed motifs. An ensemble of independent dishes
/// averages their calibrated scores.
/// </summary>
public sealed class PetriDishSurrogate : ISurrogate, IDisposable
{
    // A motif whose training diverges in the dish scores this many standard deviations below the mean.
    private const double DivergedScore = -10;
    private const string Magic = "petri-dish/1";

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

    /// <summary>True once fitted or loaded.</summary>
    public bool IsFitted => _dishes.Count > 0;

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        EnsureUsable(observations);
        var clock = Stopwatch.StartNew();
        var motifs = observations.Select(o => o.Motif).ToList();
        // The dish ranks by loss (lower is better); observations carry scores (higher is better).
        var groundTruthLoss = OuterTargets(observations.Select(o => -o.Score).ToArray());
        var dishes = StartingDishes();
        var warnings = new List<string>();
        var diagnostics = new Dictionary<string, double>();
        try
        {
            var assignments = Enumerable.Range(0, dishes.Count).Select(d =>
            {
                var (learned, heldOut) = Split(motifs, groundTruthLoss, d);
                return new DishAssignment([.. learned.Select(i => motifs[i])], [.. learned.Select(i => groundTruthLoss[i])], heldOut);
            }).ToList();
            var ensemble = dishes.Count == 1 ? "" : $", {dishes.Count} dishes side by side";
            var droppedBefore = _trainer.Inner.DroppedMetaGradients;
            var results = _trainer.Fit(dishes, assignments, (step, total, loss) =>
                progress?.Report(new ProgressUpdate((double)step / Math.Max(1, total),
                    string.Create(CultureInfo.InvariantCulture, $"outer step {step}/{total}{ensemble}, loss {loss:F4}"))), cancellationToken);
            for (var d = 0; d < dishes.Count; d++)
            {
                var result = results[d];
                diagnostics[$"dish{d}_outer_loss_first"] = result.FirstLoss;
                diagnostics[$"dish{d}_outer_loss_final"] = result.FinalLoss;
                if (assignments[d].HeldOut is not null)
                {
                    diagnostics[$"dish{d}_kept_step"] = result.KeptStep;
                    diagnostics[$"dish{d}_held_out_loss"] = result.HeldOutLoss;
                }

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

        Replace(dishes);
        var scores = observations.Select(o => o.Score).ToArray();
        _scoreMean = scores.Average();
        _scoreStd = Math.Sqrt(scores.Sum(s => (s - _scoreMean) * (s - _scoreMean)) / scores.Length);
        diagnostics["fit_seconds"] = clock.Elapsed.TotalSeconds;
        foreach (var warning in warnings)
        {
            _logger.LogWarning("{Warning}", warning);
        }

        return new SurrogateFitReport(diagnostics, warnings);
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

        var sum = new double[motifs.Count];
        using (var scope = NewDisposeScope())
        {
            // Every dish ranks the same candidates, side by side in one program (see DishTrainer).
            var losses = _trainer.ValidationLosses(_dishes, [.. _dishes.Select(_ => motifs)], cancellationToken);
            for (var d = 0; d < _dishes.Count; d++)
            {
                var scores = _dishes[d].Scores(losses[d], DivergedScore);
                for (var i = 0; i < sum.Length; i++)
                {
                    sum[i] += scores[i];
                }
            }
        }

        // Back on the ground truth's scale (as scores), so that predictions read like the values they stand for.
        return [.. sum.Select(s => _scoreMean + (_scoreStd * s / _dishes.Count))];
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
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

        if (magic != Magic)
        {
            throw new InvalidDataException($"{origin}: not a saved Petri dish (found '{magic}', expected '{Magic}')");
        }

        _scoreMean = reader.ReadDouble();
        _scoreStd = reader.ReadDouble();
        var dishes = Enumerable.Range(0, reader.ReadInt32()).Select(_ => SyntheticDish.Load(reader, _context.Device, _dtype)).ToList();
        foreach (var dish in dishes)
        {
            dish.EnsureCompatible(_space.MotifNetworks, _options, _settings.Samples, origin);
        }

        return dishes;
    }

    /// <summary>The outer loss's targets: the losses themselves, or their ranks (ties share their mean rank).</summary>
    private double[] OuterTargets(double[] losses) =>
        _settings.OuterTarget == OuterTarget.Values ? losses : Ranks.Average(losses);

    /// <summary>Which observations dish <paramref name="dish"/> learns from, and the ones it holds out (its own draw).</summary>
    private (int[] Learned, HeldOut? HeldOut) Split(List<IMotif> motifs, double[] targets, int dish)
    {
        var count = (int)Math.Round(_settings.HoldOut * motifs.Count);
        if (_settings.HoldOut <= 0 || _settings.OuterSchedule.Sum(s => s.Steps) == 0)
        {
            return ([.. Enumerable.Range(0, motifs.Count)], null);
        }

        // At least 3 on each side: fewer cannot rank (held out) or be standardised (learned).
        count = Math.Clamp(count, 3, motifs.Count - 3);
        var random = new DeterministicRandom(Seeds.Derive(_context.Seed, "petri-dish-hold-out", dish));
        var shuffled = Enumerable.Range(0, motifs.Count).OrderBy(_ => random.NextDouble()).ToArray();
        var held = shuffled.Take(count).Order().ToArray();
        return ([.. shuffled.Skip(count).Order()], new HeldOut([.. held.Select(i => motifs[i])], [.. held.Select(i => targets[i])]));
    }

    private List<SyntheticDish> StartingDishes()
    {
        if (_settings.State is { } path)
        {
            using var file = File.OpenRead(_context.ResolvePath(path));
            return Read(file, path);
        }

        return [.. Enumerable.Range(0, _settings.Ensemble).Select(d =>
            SyntheticDish.Create(_space.MotifNetworks, _options, _settings.Samples, Seeds.Derive(_context.Seed, "petri-dish", d), _context.Device, _dtype))];
    }

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
