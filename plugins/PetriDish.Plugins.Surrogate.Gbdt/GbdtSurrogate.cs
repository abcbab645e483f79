using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;
using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Surrogate.Gbdt;

/// <summary>
/// Gradient-boosted regression trees from the motif's encoding to its score: ML.NET's FastTree by
/// default (managed code), or LightGBM through ML.NET (a native library). On NAS-Bench-201 both rank
/// alike (docs/nas-bench-201.md). One thread and the component's seed make a fit reproducible.
/// </summary>
public sealed class GbdtSurrogate(GbdtSettings settings, ISearchSpace space, int seed) : ISurrogate
{
    private readonly MotifEncoder _encoder = MotifEncoder.For(space, settings.Encoding);
    private readonly MLContext _ml = new(seed);
    private ITransformer? _model;

    public int MinimumObservations => 2;

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count < MinimumObservations)
        {
            throw new ArgumentException($"gradient-boosted trees need at least {MinimumObservations} observations, got {observations.Count}");
        }

        var rows = observations.Select(o => new Row { Features = [.. _encoder.Encode(o.Motif).Select(v => (float)v)], Label = (float)o.Score }).ToList();
        var data = _ml.Data.LoadFromEnumerable(rows, SchemaFor(_encoder.Length));
        var minimumPerLeaf = Math.Min(settings.MinimumPerLeaf, Math.Max(1, observations.Count / 2));
        _model = settings.Library == GbdtSettings.LightGbm
            ? _ml.Regression.Trainers.LightGbm(new LightGbmRegressionTrainer.Options
            {
                NumberOfIterations = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = minimumPerLeaf,
                LearningRate = settings.LearningRate,
                NumberOfThreads = 1,
                Seed = 0,
                Verbose = false,
                Silent = true,
            }).Fit(data)
            : _ml.Regression.Trainers.FastTree(new FastTreeRegressionTrainer.Options
            {
                NumberOfTrees = settings.Trees,
                NumberOfLeaves = settings.Leaves,
                MinimumExampleCountPerLeaf = minimumPerLeaf,
                LearningRate = settings.LearningRate,
                NumberOfThreads = 1,
                Seed = 0,
                FeatureFraction = 1,
                Shrinkage = 1,
            }).Fit(data);
        var fitted = Predict([.. observations.Select(o => o.Motif)], cancellationToken);
        var mse = fitted.Select((p, i) => (p - observations[i].Score) * (p - observations[i].Score)).Average();
        progress?.Report(new ProgressUpdate(1, "trees grown"));
        return new SurrogateFitReport(new Dictionary<string, double> { ["train_mse"] = mse }, []);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        var model = _model ?? throw new InvalidOperationException("the gbdt surrogate has not been fitted (or loaded) yet");
        var rows = _ml.Data.LoadFromEnumerable(motifs.Select(m => new Row { Features = [.. _encoder.Encode(m).Select(v => (float)v)] }), SchemaFor(_encoder.Length));
        var scores = model.Transform(rows).GetColumn<float>("Score");
        return [.. scores.Select(s => (double)s)];
    }

    public void Save(Stream stream)
    {
        var model = _model ?? throw new InvalidOperationException("the gbdt surrogate has not been fitted yet");
        _ml.Model.Save(model, null, stream);
    }

    public void Load(Stream stream)
    {
        try
        {
            _model = _ml.Model.Load(stream, out _);
        }
        catch (Exception ex) when (ex is InvalidOperationException or FormatException or System.IO.InvalidDataException)
        {
            throw new InvalidDataException($"not a saved gbdt surrogate ({ex.Message})", ex);
        }
    }

    /// <summary>Nothing to release: the trees are managed objects.</summary>
    public void Dispose()
    {
    }

    private static SchemaDefinition SchemaFor(int width)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        return schema;
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public float Label { get; set; }
    }
}
