using PetriDish.Abstractions;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Surrogate.NnPredictor;

/// <summary>
/// An MLP on the search space's encoding (standardised), trained full-batch on z-normalised scores.
/// It knows the motifs only by their encoding: the contrast the Petri dish is measured against.
/// </summary>
public sealed class NnPredictor : ISurrogate, IDisposable
{
    private const string Magic = "nn-predictor/1";

    private readonly NnPredictorSettings _settings;
    private readonly MotifEncoder _encoder;
    private readonly PluginContext _context;
    private Sequential? _model;
    private double[] _featureMean = [];
    private double[] _featureStd = [];
    private double _scoreMean;
    private double _scoreStd = 1;

    public NnPredictor(NnPredictorSettings settings, ISearchSpace space, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(space);
        _settings = settings;
        _encoder = MotifEncoder.For(space, settings.Encoding);
        _context = context;
    }

    public int MinimumObservations => 2;

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count < MinimumObservations)
        {
            throw new ArgumentException($"the NN predictor needs at least {MinimumObservations} observations, got {observations.Count}");
        }

        var encodings = observations.Select(o => _encoder.Encode(o.Motif)).ToArray();
        var scores = observations.Select(o => o.Score).ToArray();
        (_featureMean, _featureStd) = Moments(encodings);
        var (scoreMean, scoreStd) = Moments([.. scores.Select(s => new[] { s })]);
        (_scoreMean, _scoreStd) = (scoreMean[0], scoreStd[0]);

        _model?.Dispose();
        random.manual_seed(Seeds.Derive(_context.Seed, "nn-predictor"));
        _model = BuildModel();
        using var x = Features(encodings);
        var standardised = scores.Select(v => (v - _scoreMean) / _scoreStd).ToArray();
        using var y = HeldTensors.Build(() => tensor(standardised, dtype: ScalarType.Float32, device: _context.Device).view(-1, 1));
        using var optimizer = HeldOptimizer.Adam(_model.parameters(), _settings.LearningRate, _settings.WeightDecay); // held Scalars (see HeldScalars)
        var loss = double.NaN;
        for (var epoch = 0; epoch < _settings.Epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var output = nn.functional.mse_loss(_model.forward(x), y);
            optimizer.ZeroGrad();
            output.backward();
            optimizer.Step();
            if (epoch % 200 == 0 || epoch == _settings.Epochs - 1)
            {
                loss = output.item<float>();
                progress?.Report(new ProgressUpdate((epoch + 1.0) / _settings.Epochs, $"epoch {epoch + 1}/{_settings.Epochs}, loss {loss:F4}"));
            }
        }

        return new SurrogateFitReport(new Dictionary<string, double> { ["final_mse"] = loss }, []);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var model = _model ?? throw new InvalidOperationException("the NN predictor has not been fitted (or loaded) yet");
        if (motifs.Count == 0)
        {
            return [];
        }

        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var output = model.forward(Features([.. motifs.Select(m => _encoder.Encode(m))])).view(-1).to(ScalarType.Float64).cpu();
        return [.. output.data<double>().Select(z => _scoreMean + (_scoreStd * z))];
    }

    public void Save(Stream stream)
    {
        var model = _model ?? throw new InvalidOperationException("nothing to save: the NN predictor has not been fitted");
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        WriteDoubles(writer, _featureMean);
        WriteDoubles(writer, _featureStd);
        writer.Write(_scoreMean);
        writer.Write(_scoreStd);
        foreach (var parameter in model.parameters())
        {
            WriteDoubles(writer, parameter.detach().to(ScalarType.Float64).cpu().data<double>().ToArray());
        }
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        var magic = reader.ReadString();
        if (magic != Magic)
        {
            throw new InvalidDataException($"not a saved NN predictor (found '{magic}')");
        }

        _featureMean = ReadDoubles(reader);
        _featureStd = ReadDoubles(reader);
        _scoreMean = reader.ReadDouble();
        _scoreStd = reader.ReadDouble();
        _model?.Dispose();
        _model = BuildModel();
        using var noGrad = no_grad();
        foreach (var parameter in _model.parameters())
        {
            var values = ReadDoubles(reader);
            if (values.Length != parameter.numel())
            {
                throw new InvalidDataException($"saved NN predictor has a layer of {values.Length} weights where these settings need {parameter.numel()}");
            }

            using var restored = HeldTensors.Build(() => tensor(values, parameter.shape, dtype: ScalarType.Float64).to(parameter.dtype, parameter.device));
            parameter.copy_(restored);
        }
    }

    public void Dispose() => _model?.Dispose();

    private Sequential BuildModel()
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        var width = (long)_encoder.Length;
        for (var i = 0; i < _settings.HiddenSizes.Count; i++)
        {
            layers.Add(($"linear{i}", nn.Linear(width, _settings.HiddenSizes[i])));
            layers.Add(($"activation{i}", _settings.Activation switch
            {
                HiddenActivation.Tanh => nn.Tanh(),
                HiddenActivation.Sigmoid => nn.Sigmoid(),
                _ => nn.ReLU(),
            }));
            width = _settings.HiddenSizes[i];
        }

        layers.Add(("output", nn.Linear(width, 1)));
        return nn.Sequential(layers).to(_context.Device);
    }

    private Tensor Features(double[][] encodings)
    {
        var flat = encodings.SelectMany(e => e.Select((v, j) => (v - _featureMean[j]) / _featureStd[j])).ToArray();
        return HeldTensors.Build(() => tensor(flat, [encodings.Length, _featureMean.Length], dtype: ScalarType.Float64).to(ScalarType.Float32, _context.Device));
    }

    private static (double[] Mean, double[] Std) Moments(double[][] rows)
    {
        var width = rows[0].Length;
        var mean = Enumerable.Range(0, width).Select(j => rows.Average(r => r[j])).ToArray();
        var std = Enumerable.Range(0, width).Select(j => Math.Sqrt(rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j])))).Select(s => s > 1e-12 ? s : 1).ToArray();
        return (mean, std);
    }

    private static void WriteDoubles(BinaryWriter writer, double[] values)
    {
        writer.Write(values.Length);
        Array.ForEach(values, writer.Write);
    }

    private static double[] ReadDoubles(BinaryReader reader) => [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadDouble())];
}
