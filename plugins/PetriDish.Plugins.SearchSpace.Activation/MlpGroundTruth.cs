using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation.Data;
using TorchSharp.Modules;
using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>
/// The ground truth of an activation motif: an MLP (784-100-100-10 by default) with the motif in its
/// hidden layers and a softmax output, trained with minibatches and scored by validation accuracy,
/// averaged over <see cref="GroundTruthSettings.Repeats"/> seeds.
/// </summary>
public sealed class MlpGroundTruth : IGroundTruthEvaluator
{
    private readonly string _motifKind;
    private readonly Func<IMotif, Device, GroundTruthActivation> _activationOf;
    private readonly GroundTruthSettings _settings;
    private readonly PluginContext _context;
    private readonly Lazy<ImageDataset> _data;

    /// <summary>The ground truth of one family's motifs.</summary>
    public MlpGroundTruth(ActivationFamily family, GroundTruthSettings settings, PluginContext context)
        : this(ActivationFunctions.Name(family), (motif, device) => FamilyActivation(family, motif, device), settings, context)
    {
    }

    /// <param name="motifKind">Names the motifs in the configuration key (results of different kinds never mix).</param>
    /// <param name="activationOf">A motif's activation on a device; throws <see cref="ArgumentException"/> for a motif of another space.</param>
    /// <param name="settings">The recipe.</param>
    /// <param name="context">The plugin context (device, base directory).</param>
    internal MlpGroundTruth(string motifKind, Func<IMotif, Device, GroundTruthActivation> activationOf, GroundTruthSettings settings, PluginContext context)
    {
        _motifKind = motifKind;
        _activationOf = activationOf;
        _settings = settings;
        _context = context;
        _data = new Lazy<ImageDataset>(() => DatasetLocator.Load(settings.Dataset, context.BaseDirectory, settings.ValidationCount, settings.TrainCount));
    }

    public GroundTruthMetric Metric { get; } = new("validation-accuracy", MetricGoal.Maximize);

    /// <summary>The data's identity (by content) and every recipe setting that changes a result.</summary>
    public string ConfigurationKey => string.Create(CultureInfo.InvariantCulture,
        $"activation-mlp/v1;family={_motifKind};data={_data.Value.Identity};hidden={string.Join(',', _settings.HiddenSizes)};" +
        $"epochs={_settings.Epochs:R};batch={_settings.BatchSize};lr={_settings.LearningRate:R};optimizer={_settings.Optimizer};momentum={_settings.Momentum:R};" +
        $"init={_settings.InitScale:R};repeats={_settings.Repeats};fraction={_settings.DataFraction:R}") +
        // Named only when not the default, so that keys (and caches) from before the setting stay valid.
        (_settings.Initialization == WeightInitialization.Normal ? "" : $";initialization={_settings.Initialization}");

    public Task<GroundTruthResult> EvaluateAsync(IMotif motif, Fidelity fidelity, int seed, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motif);
        ArgumentNullException.ThrowIfNull(fidelity);
        var device = _context.Device;
        using var activation = _activationOf(motif, device);
        var data = _data.Value;
        var trainCount = Math.Max(1, (int)Math.Round(data.Train.Count * _settings.DataFraction * fidelity.DataFraction));
        var epochs = fidelity.Epochs ?? _settings.Epochs;
        using var xTrain = data.Train.Images(trainCount, device);
        using var yTrain = data.Train.Labels(trainCount, device);
        using var xValid = data.Validation.Images(data.Validation.Count, device);
        using var yValid = data.Validation.Labels(data.Validation.Count, device);

        var accuracies = new List<double>();
        var losses = new List<double>();
        for (var repeat = 0; repeat < _settings.Repeats; repeat++)
        {
            var run = new TrainingRun(activation, _settings, data.Train.Features, data.Classes, device, Seeds.Derive(seed, "ground-truth-repeat", repeat));
            var fraction = (double)repeat / _settings.Repeats;
            var repeatName = $"repeat {repeat + 1} of {_settings.Repeats}";
            var (accuracy, loss) = run.Train(xTrain, yTrain, xValid, yValid, epochs, repeatName, (done, message) =>
                progress?.Report(new ProgressUpdate(fraction + (done / _settings.Repeats), $"repeat {repeat + 1}/{_settings.Repeats}, {message}")), cancellationToken);
            accuracies.Add(accuracy);
            losses.Add(loss);
        }

        var details = new Dictionary<string, double>
        {
            ["train_images"] = trainCount,
            ["epochs"] = epochs,
            ["final_train_loss_mean"] = losses.Average(),
            ["accuracy_std"] = StandardDeviation(accuracies),
        };
        for (var i = 0; i < accuracies.Count; i++)
        {
            details[$"accuracy_repeat_{i}"] = accuracies[i];
        }

        return Task.FromResult(new GroundTruthResult(accuracies.Average(), details));
    }

    private static GroundTruthActivation FamilyActivation(ActivationFamily family, IMotif motif, Device device)
    {
        if (motif is not ActivationMotif activation || activation.Family != family)
        {
            throw new ArgumentException($"'{motif.Key}' is not a {ActivationFunctions.Name(family)} motif", nameof(motif));
        }

        var parameter = tensor(activation.Parameter, dtype: ScalarType.Float32, device: device);
        return new GroundTruthActivation(z => ActivationFunctions.Apply(family, z, parameter), parameter);
    }

    private static double StandardDeviation(List<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }

    /// <summary>One training run of the full-size network, from its own seed.</summary>
    private sealed class TrainingRun(GroundTruthActivation activation, GroundTruthSettings settings, int features, int classes, Device device, int seed)
    {
        public (double Accuracy, double FinalLoss) Train(Tensor xTrain, Tensor yTrain, Tensor xValid, Tensor yValid, double epochs, string repeatName, Action<double, string> report, CancellationToken cancellationToken)
        {
            using var generator = new Generator((ulong)seed, device);
            var sizes = new List<long> { features };
            sizes.AddRange(settings.HiddenSizes.Select(h => (long)h));
            sizes.Add(classes);
            var weights = new List<Parameter>();
            for (var layer = 0; layer + 1 < sizes.Count; layer++)
            {
                // With Normal not scaled by fan-in, on purpose (see GroundTruthSettings.InitScale).
                using var scale = (settings.Initialization == WeightInitialization.He ? Math.Sqrt(2.0 / sizes[layer]) : settings.InitScale).ToScalar();
                var (rows, columns) = (sizes[layer], sizes[layer + 1]);
                weights.Add(HeldTensors.Build(() => new Parameter(randn([rows, columns], dtype: ScalarType.Float32, device: device, generator: generator).mul_(scale))));
                weights.Add(HeldTensors.Build(() => new Parameter(zeros([columns], dtype: ScalarType.Float32, device: device))));
            }

            // Held Scalars throughout, TorchSharp's optimizers included (see HeldScalars).
            using var optimizer = settings.Optimizer == TrainingOptimizer.Adam
                ? HeldOptimizer.Adam(weights, settings.LearningRate)
                : HeldOptimizer.Sgd(weights, settings.LearningRate, settings.Momentum);

            var count = xTrain.shape[0];
            var batch = Math.Min(settings.BatchSize, count);
            var stepsPerEpoch = (count + batch - 1) / batch;
            var totalSteps = Math.Max(1, (long)Math.Round(epochs * stepsPerEpoch));
            var lastLoss = double.NaN;
            Tensor? order = null;
            try
            {
                for (long step = 0; step < totalSteps; step++)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var inEpoch = step % stepsPerEpoch;
                    if (inEpoch == 0)
                    {
                        order?.Dispose();
                        order = randperm(count, generator: generator, device: device);
                    }

                    using var scope = NewDisposeScope();
                    var start = inEpoch * batch;
                    var indices = order!.narrow(0, start, Math.Min(batch, count - start));
                    var logits = Forward(weights, xTrain.index_select(0, indices));
                    var loss = nn.functional.cross_entropy(logits, yTrain.index_select(0, indices));
                    var lossValue = loss.item<float>();
                    if (!float.IsFinite(lossValue))
                    {
                        // A failed evaluation with its reason, never a silent chance-level accuracy.
                        throw new TrainingDivergedException(string.Create(CultureInfo.InvariantCulture,
                            $"the training loss became {lossValue} at step {step + 1} of {totalSteps} ({repeatName}): the activation overflows or is undefined on the network's pre-activations"));
                    }

                    optimizer.ZeroGrad();
                    loss.backward();
                    optimizer.Step();
                    if (step == totalSteps - 1 || step % 50 == 0)
                    {
                        lastLoss = lossValue;
                        report((double)(step + 1) / totalSteps, string.Create(CultureInfo.InvariantCulture, $"step {step + 1}/{totalSteps}, loss {lastLoss:F3}"));
                    }
                }

                return (Accuracy(weights, xValid, yValid, repeatName), lastLoss);
            }
            finally
            {
                order?.Dispose();
                weights.ForEach(w => w.Dispose());
            }
        }

        private Tensor Forward(List<Parameter> weights, Tensor x)
        {
            var hidden = x;
            var layers = weights.Count / 2;
            for (var layer = 0; layer < layers; layer++)
            {
                var z = addmm(weights[(2 * layer) + 1], hidden, weights[2 * layer], 1, 1);
                hidden = layer + 1 < layers ? activation.Apply(z) : z;
            }

            return hidden;
        }

        private double Accuracy(List<Parameter> weights, Tensor x, Tensor y, string repeatName)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            long correct = 0;
            const int chunk = 4096;
            for (long start = 0; start < x.shape[0]; start += chunk)
            {
                var length = Math.Min(chunk, x.shape[0] - start);
                var logits = Forward(weights, x.narrow(0, start, length));
                if (!logits.isfinite().all().item<bool>())
                {
                    throw new TrainingDivergedException($"the trained network's outputs on validation images are not finite ({repeatName}): the activation overflows on them");
                }

                var predicted = logits.argmax(1);
                correct += predicted.eq(y.narrow(0, start, length)).sum().item<long>();
            }

            return (double)correct / x.shape[0];
        }
    }
}
