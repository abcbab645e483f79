using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.RnnCell.Data;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// The ground truth of a cell: an embedding → cell → softmax language model trained with truncated
/// back-propagation through time and scored by validation perplexity (lower is better), averaged over
/// <see cref="LanguageModelSettings.Repeats"/> seeds. A run whose training diverges scores the
/// vocabulary size, the perplexity of a uniform guess: it learned nothing usable.
/// </summary>
public sealed class LanguageModelGroundTruth : IGroundTruthEvaluator
{
    private readonly LanguageModelSettings _settings;
    private readonly int _nodes;
    private readonly PluginContext _context;
    private readonly Tokenization _tokenization;
    private readonly Lazy<Corpus> _corpus;

    public LanguageModelGroundTruth(LanguageModelSettings settings, int nodes, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _settings = settings;
        _nodes = nodes;
        _context = context;
        _tokenization = settings.Tokenization ?? CorpusLocator.DefaultTokenization(settings.Corpus);
        _corpus = new Lazy<Corpus>(() => CorpusLocator.Load(settings.Corpus, _tokenization, settings.VocabularyCap, context.BaseDirectory));
    }

    public GroundTruthMetric Metric { get; } = new("validation-perplexity", MetricGoal.Minimize);

    public string ConfigurationKey => string.Create(CultureInfo.InvariantCulture,
        $"rnn-lm/v2;corpus={_corpus.Value.Identity};nodes={_nodes};embedding={_settings.EmbeddingSize};hidden={_settings.HiddenSize};bptt={_settings.Bptt};batch={_settings.BatchSize};" +
        $"epochs={_settings.Epochs:R};lr={_settings.LearningRate:R};optimizer={_settings.Optimizer};clip={_settings.GradientClip:R};init={_settings.InitRange:R};" +
        $"fraction={_settings.DataFraction:R};validation={_settings.ValidationTokens};repeats={_settings.Repeats}");

    /// <summary>The loaded corpus (reads it on first use).</summary>
    public Corpus Corpus => _corpus.Value;

    public Task<GroundTruthResult> EvaluateAsync(IMotif motif, Fidelity fidelity, int seed, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motif);
        ArgumentNullException.ThrowIfNull(fidelity);
        var cell = motif as NaoCell ?? throw new ArgumentException($"'{motif.Key}' is not a cell", nameof(motif));
        if (cell.Nodes != _nodes)
        {
            throw new ArgumentException($"'{motif.Key}' has {cell.Nodes} nodes; this space's cells have {_nodes}", nameof(motif));
        }

        var corpus = _corpus.Value;
        var trainTokens = Math.Max(_settings.Bptt + 1, (int)(corpus.Train.Length * _settings.DataFraction * fidelity.DataFraction));
        var epochs = fidelity.Epochs ?? _settings.Epochs;
        var perplexities = new List<double>();
        var diverged = 0;
        for (var repeat = 0; repeat < _settings.Repeats; repeat++)
        {
            var start = (double)repeat / _settings.Repeats;
            var model = new LanguageModel(cell, corpus.Vocabulary.Count, _settings, _context.Device, Seeds.Derive(seed, "language-model-repeat", repeat));
            try
            {
                var trained = model.Train(corpus.Train.AsSpan(0, Math.Min(trainTokens, corpus.Train.Length)).ToArray(), epochs,
                    (done, message) => progress?.Report(new ProgressUpdate(start + (done / _settings.Repeats), $"repeat {repeat + 1}/{_settings.Repeats}, {message}")), cancellationToken);
                if (trained)
                {
                    perplexities.Add(model.Perplexity(corpus.Valid.AsSpan(0, Math.Min(_settings.ValidationTokens, corpus.Valid.Length)).ToArray()));
                }
                else
                {
                    diverged++;
                    perplexities.Add(corpus.Vocabulary.Count);
                }
            }
            finally
            {
                model.Dispose();
            }
        }

        var details = new Dictionary<string, double>
        {
            ["train_tokens"] = Math.Min(trainTokens, corpus.Train.Length),
            ["epochs"] = epochs,
            ["vocabulary"] = corpus.Vocabulary.Count,
            ["diverged_repeats"] = diverged,
        };
        for (var i = 0; i < perplexities.Count; i++)
        {
            details[$"perplexity_repeat_{i}"] = perplexities[i];
        }

        return Task.FromResult(new GroundTruthResult(perplexities.Average(), details));
    }

    /// <summary>Embedding → cell → softmax, as plain parameters; the cell runs through <see cref="CellStep"/> with N = 1.</summary>
    private sealed class LanguageModel : IDisposable
    {
        private readonly LanguageModelSettings _settings;
        private readonly Device _device;
        private readonly CellWiring _wiring;
        private readonly Parameter _embedding;
        private readonly Parameter _w0;
        private readonly Parameter _nodes;
        private readonly Parameter _decoder;
        private readonly Parameter _bias;
        private readonly Generator _generator;

        public LanguageModel(NaoCell cell, int vocabulary, LanguageModelSettings settings, Device device, int seed)
        {
            _settings = settings;
            _device = device;
            _generator = new Generator((ulong)seed, device);
            _wiring = CellWiring.For([cell], device, ScalarType.Float32);
            var (e, h, r) = (settings.EmbeddingSize, settings.HiddenSize, settings.InitRange);
            _embedding = Uniform([vocabulary, e], r);
            _w0 = Uniform([1, e + h, 2 * h], r);
            _nodes = Uniform([1, cell.Nodes, h, 2 * h], r);
            _decoder = Uniform([h, vocabulary], r);
            _bias = HeldTensors.Build(() => new Parameter(zeros([vocabulary], device: device)));
        }

        private Parameter[] Parameters => [_embedding, _w0, _nodes, _decoder, _bias];

        /// <summary>Trains on <paramref name="tokens"/>; false if the loss stopped being finite.</summary>
        public bool Train(int[] tokens, double epochs, Action<double, string> report, CancellationToken cancellationToken)
        {
            using var data = Batchify(tokens, _settings.BatchSize);
            // Held Scalars, TorchSharp's optimizers included (see HeldScalars).
            using var optimizer = _settings.Optimizer == LanguageModelOptimizer.Adam
                ? HeldOptimizer.Adam(Parameters, _settings.LearningRate)
                : HeldOptimizer.Sgd(Parameters, _settings.LearningRate);
            var length = data.shape[0];
            var chunksPerEpoch = (int)Math.Ceiling((length - 1) / (double)_settings.Bptt);
            var total = Math.Max(1, (int)Math.Round(epochs * chunksPerEpoch));
            var hidden = zeros([1, _settings.BatchSize, _settings.HiddenSize], device: _device);
            try
            {
                for (var chunk = 0; chunk < total; chunk++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    using var scope = NewDisposeScope();
                    var start = (long)(chunk % chunksPerEpoch) * _settings.Bptt;
                    if (start == 0)
                    {
                        hidden.zero_(); // A new pass over the data starts from a fresh state.
                    }

                    var steps = Math.Min(_settings.Bptt, length - 1 - start);
                    var (loss, last) = Loss(data.narrow(0, start, steps), data.narrow(0, start + 1, steps), hidden);
                    var value = loss.item<float>();
                    if (!float.IsFinite(value))
                    {
                        return false;
                    }

                    optimizer.ZeroGrad();
                    loss.backward();
                    if (_settings.GradientClip > 0)
                    {
                        nn.utils.clip_grad_norm_(Parameters, _settings.GradientClip);
                    }

                    optimizer.Step();
                    hidden.Dispose();
                    hidden = last.detach().MoveToOuterDisposeScope();
                    if (chunk % 25 == 0 || chunk == total - 1)
                    {
                        report((chunk + 1.0) / total, string.Create(CultureInfo.InvariantCulture, $"step {chunk + 1}/{total}, perplexity {Math.Exp(value):F1}"));
                    }
                }

                return true;
            }
            finally
            {
                hidden.Dispose();
            }
        }

        public double Perplexity(int[] tokens)
        {
            using var noGrad = no_grad();
            const int evaluationBatch = 10;
            using var data = Batchify(tokens, evaluationBatch);
            var hidden = zeros([1, evaluationBatch, _settings.HiddenSize], device: _device);
            double total = 0;
            long count = 0;
            for (long start = 0; start < data.shape[0] - 1; start += _settings.Bptt)
            {
                using var scope = NewDisposeScope();
                var steps = Math.Min(_settings.Bptt, data.shape[0] - 1 - start);
                var (loss, last) = Loss(data.narrow(0, start, steps), data.narrow(0, start + 1, steps), hidden);
                total += loss.item<float>() * steps * evaluationBatch;
                count += steps * evaluationBatch;
                hidden.Dispose();
                hidden = last.MoveToOuterDisposeScope();
            }

            hidden.Dispose();
            var perplexity = Math.Exp(total / count);
            return double.IsFinite(perplexity) ? perplexity : _decoder.shape[1];
        }

        public void Dispose()
        {
            foreach (var parameter in Parameters)
            {
                parameter.Dispose();
            }

            _wiring.Dispose();
            _generator.Dispose();
        }

        /// <summary>Mean cross-entropy of predicting <paramref name="targets"/> from <paramref name="inputs"/> (<c>[steps, batch]</c>), and the last hidden state.</summary>
        private (Tensor Loss, Tensor Hidden) Loss(Tensor inputs, Tensor targets, Tensor hidden)
        {
            var (steps, batch) = (inputs.shape[0], inputs.shape[1]);
            var embedded = _embedding.index_select(0, inputs.reshape(-1)).view(steps, 1, batch, -1);
            var outputs = new List<Tensor>((int)steps);
            var h = hidden;
            var perNode = CellStep.SplitNodes(_nodes);
            for (var t = 0; t < steps; t++)
            {
                h = CellStep.Forward(embedded[t], h, _w0, perNode, _wiring);
                outputs.Add(h);
            }

            var logits = addmm(_bias, stack(outputs, 0).view(steps * batch, -1), _decoder, 1, 1);
            return (nn.functional.cross_entropy(logits, targets.reshape(-1)), h);
        }

        /// <summary>Cuts the token stream into <paramref name="batch"/> parallel streams: <c>[length, batch]</c>.</summary>
        private Tensor Batchify(int[] tokens, int batch)
        {
            var length = tokens.Length / batch;
            if (length < 2)
            {
                throw new InvalidDataException($"{tokens.Length} tokens are too few for {batch} parallel streams");
            }

            var values = tokens.AsSpan(0, length * batch).ToArray().Select(t => (long)t).ToArray();
            return HeldTensors.Build(() => tensor(values, [batch, length], dtype: ScalarType.Int64, device: _device).t().contiguous());
        }

        private Parameter Uniform(long[] shape, double range)
        {
            // Scalars held for the native calls (see HeldScalars): implicit ones can be collected mid-call.
            using var width = (2 * range).ToScalar();
            using var low = range.ToScalar();
            return HeldTensors.Build(() => new Parameter(rand(shape, device: _device, generator: _generator).mul_(width).sub_(low)));
        }
    }
}
