using System.Globalization;
using Microsoft.Extensions.Logging;
using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Optimizer.Nao;

/// <summary>
/// Neural Architecture Optimization. Each proposal round trains encoder, predictor and decoder on all
/// observed motifs (0.8 · prediction MSE + 0.2 · reconstruction cross-entropy by default), then moves
/// the encoder outputs of the best motifs along the predictor's gradient with growing step sizes λ and
/// decodes them (greedily, within the token form's constraints) until enough new motifs are found.
/// </summary>
public sealed class NaoOptimizer : IOptimizer, IDisposable
{
    private const string Magic = "nao/1";

    private readonly NaoSettings _settings;
    private readonly ISearchSpace _space;
    private readonly ITokenForm _form;
    private readonly PluginContext _context;
    private readonly ILogger _logger;
    private readonly List<Observation> _observations = [];
    private readonly DeterministicRandom _random;
    private NaoModel? _model;

    public NaoOptimizer(NaoSettings settings, ISearchSpace space, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(context);
        _settings = settings;
        _space = space;
        _form = space.Tokens ?? throw new ArgumentException($"NAO needs a search space with a token form; '{space.Description}' has none", nameof(space));
        _context = context;
        _logger = context.LoggerFactory.CreateLogger<NaoOptimizer>();
        _random = new DeterministicRandom(Seeds.Derive(context.Seed, "nao"));
    }

    /// <summary>What the last training round achieved (for reports and tests).</summary>
    public NaoTrainingReport? LastTraining { get; private set; }

    public async Task<IReadOnlyList<IMotif>> ProposeAsync(int count, IOptimizerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        await Task.Yield();
        if (_observations.Count < 2 || _observations.Select(o => o.Score).Distinct().Count() < 2)
        {
            // Nothing to learn from yet: NAO starts from random motifs, as its first iteration does.
            return MotifSampler.SampleDistinct(_space, _random, count, context.IsKnown);
        }

        LastTraining = Train(_observations, context.Iteration, cancellationToken);
        var seeds = _observations.OrderByDescending(o => o.Score).Take(_settings.SeedMotifs).Select(o => o.Motif).ToList();
        var proposals = new List<IMotif>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        void Offer(IMotif motif)
        {
            if (proposals.Count < count && !context.IsKnown(motif.Key) && keys.Add(motif.Key))
            {
                proposals.Add(motif);
            }
        }

        for (var lambda = _settings.LambdaStep; lambda <= _settings.MaxLambda && proposals.Count < count; lambda += _settings.LambdaStep)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var motif in Move(seeds, lambda))
            {
                Offer(motif);
            }
        }

        var fromGradient = proposals.Count;
        for (var attempts = 0; proposals.Count < count && attempts < 100 * count; attempts++)
        {
            Offer(_space.Mutate(seeds[_random.Next(seeds.Count)], _random));
        }

        if (fromGradient < proposals.Count)
        {
            _logger.LogInformation("NAO: {Gradient} motifs from gradient steps up to λ = {Lambda}, {Mutations} from mutations of the best", fromGradient, _settings.MaxLambda, proposals.Count - fromGradient);
        }

        return proposals;
    }

    public void Observe(IReadOnlyList<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var observation in observations)
        {
            _observations.RemoveAll(o => o.Motif.Key == observation.Motif.Key);
            _observations.Add(observation);
        }
    }

    /// <summary>Trains a fresh model (seeded by the iteration) on <paramref name="observations"/>.</summary>
    internal NaoTrainingReport Train(IReadOnlyList<Observation> observations, int iteration, CancellationToken cancellationToken)
    {
        _model?.Dispose();
        random.manual_seed(Seeds.Derive(_context.Seed, "nao-model", iteration));
        _model = new NaoModel(_form.VocabularySize, _settings, _context.Device);
        var tokens = Tokens(observations.Select(o => o.Motif));
        using var targets = tensor(Normalise(observations.Select(o => o.Score).ToArray()), dtype: ScalarType.Float32, device: _context.Device);
        using var optimizer = HeldOptimizer.Adam(_model.parameters(), _settings.LearningRate, _settings.WeightDecay); // held Scalars (see HeldScalars)
        var order = new DeterministicRandom(Seeds.Derive(_context.Seed, "nao-batches", iteration));
        var (predictionLoss, reconstructionLoss) = (double.NaN, double.NaN);
        using var predictionWeight = _settings.TradeOff.ToScalar();
        using var reconstructionWeight = (1 - _settings.TradeOff).ToScalar();
        for (var epoch = 0; epoch < _settings.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var shuffled = Enumerable.Range(0, observations.Count).OrderBy(_ => order.Next()).ToArray();
            for (var start = 0; start < shuffled.Length; start += _settings.BatchSize)
            {
                using var scope = NewDisposeScope();
                using var batch = tensor(shuffled.Skip(start).Take(_settings.BatchSize).Select(i => (long)i).ToArray(), device: _context.Device);
                var input = tokens.index_select(0, batch);
                var outputs = _model.EncoderOutputs(input);
                var embedding = NaoModel.Embed(outputs);
                var prediction = nn.functional.mse_loss(_model.Predict(embedding), targets.index_select(0, batch));
                var logits = _model.Reconstruct(outputs, embedding, input);
                var reconstruction = nn.functional.cross_entropy(logits.reshape(-1, logits.shape[^1]), input.reshape(-1));
                // Held Scalars, the addition's alpha too (see HeldScalars): this runs every training step.
                var loss = prediction.mul(predictionWeight).add_(reconstruction.mul(reconstructionWeight), HeldScalars.One);
                optimizer.ZeroGrad();
                loss.backward();
                nn.utils.clip_grad_norm_(_model.parameters(), 5.0);
                optimizer.Step();
                (predictionLoss, reconstructionLoss) = (prediction.item<float>(), reconstruction.item<float>());
            }
        }

        var accuracy = ReconstructionAccuracy(observations.Select(o => o.Motif).ToList());
        tokens.Dispose();
        _logger.LogDebug("NAO trained on {Count} motifs: prediction MSE {Prediction:F4}, reconstruction CE {Reconstruction:F4}, token accuracy {Accuracy:P1}", observations.Count, predictionLoss, reconstructionLoss, accuracy);
        return new NaoTrainingReport(observations.Count, predictionLoss, reconstructionLoss, accuracy);
    }

    /// <summary>Predicted scores (normalised, higher is better) of motifs with the trained model.</summary>
    internal double[] PredictScores(IReadOnlyList<IMotif> motifs)
    {
        var model = _model ?? throw new InvalidOperationException("NAO has not been trained yet");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        return [.. model.Predict(NaoModel.Embed(model.EncoderOutputs(Tokens(motifs)))).to(ScalarType.Float64).cpu().data<double>()];
    }

    /// <summary>The fraction of tokens the decoder reproduces (greedy, constrained) for <paramref name="motifs"/>.</summary>
    internal double ReconstructionAccuracy(IReadOnlyList<IMotif> motifs)
    {
        var model = _model ?? throw new InvalidOperationException("NAO has not been trained yet");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var outputs = model.EncoderOutputs(Tokens(motifs));
        var decoded = model.Decode(outputs, NaoModel.Embed(outputs), _form);
        var correct = motifs.Select((m, i) => _form.ToTokens(m).Zip(decoded[i]).Count(p => p.First == p.Second)).Sum();
        return (double)correct / (motifs.Count * _form.Length);
    }

    /// <summary>The seeds' encoder outputs moved by λ along the predictor's gradient, decoded into motifs.</summary>
    internal IReadOnlyList<IMotif> Move(IReadOnlyList<IMotif> seeds, double lambda)
    {
        var model = _model ?? throw new InvalidOperationException("NAO has not been trained yet");
        using var scope = NewDisposeScope();
        var outputs = model.EncoderOutputs(Tokens(seeds)).detach().requires_grad_(true);
        var predicted = model.Predict(NaoModel.Embed(outputs)).sum();
        var gradient = autograd.grad([predicted], [outputs])[0];
        using var noGrad = no_grad();
        var moved = nn.functional.normalize(outputs + (gradient * lambda), p: 2, dim: -1);
        var decoded = model.Decode(moved, NaoModel.Embed(moved), _form);
        var motifs = new List<IMotif>();
        foreach (var sequence in decoded)
        {
            try
            {
                motifs.Add(_form.FromTokens([.. sequence.Select(t => (int)t)]));
            }
            catch (MotifFormatException ex)
            {
                // The constraints make this impossible for well-formed token forms; say so if it happens.
                _logger.LogWarning("NAO decoded an invalid motif at λ = {Lambda}: {Error}", lambda.ToString(CultureInfo.InvariantCulture), ex.Message);
            }
        }

        return motifs;
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        _random.Save(writer);
        writer.Write(_observations.Count);
        foreach (var observation in _observations)
        {
            writer.Write(observation.Motif.Key);
            writer.Write(observation.Score);
        }

        writer.Write(_model is not null);
        _model?.save(writer);
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var magic = reader.ReadString();
        if (magic != Magic)
        {
            throw new InvalidDataException($"not a saved NAO optimizer (found '{magic}')");
        }

        _random.Load(reader);
        _observations.Clear();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            _observations.Add(new Observation(_space.Parse(reader.ReadString()), reader.ReadDouble()));
        }

        _model?.Dispose();
        _model = null;
        if (reader.ReadBoolean())
        {
            _model = new NaoModel(_form.VocabularySize, _settings, _context.Device);
            _model.load(reader);
        }
    }

    public void Dispose() => _model?.Dispose();

    private Tensor Tokens(IEnumerable<IMotif> motifs)
    {
        var rows = motifs.Select(m => _form.ToTokens(m)).ToList();
        return tensor(rows.SelectMany(r => r.Select(t => (long)t)).ToArray(), [rows.Count, _form.Length], dtype: ScalarType.Int64, device: _context.Device);
    }

    /// <summary>Scores mapped to [0, 1] (the predictor ends in a sigmoid), best = 1.</summary>
    private static double[] Normalise(double[] scores)
    {
        var (low, high) = (scores.Min(), scores.Max());
        return [.. scores.Select(s => high > low ? (s - low) / (high - low) : 0.5)];
    }
}
