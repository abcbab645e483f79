using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Surrogate.Linear;

/// <summary>
/// Ordinary least squares (with a tiny ridge) from the standardised encoding to the score. On the
/// sigmoid-slope protocol it ranks most held-out slopes well and the ones across the peak backwards:
/// the reason comparisons report τ on each side of the training range.
/// </summary>
public sealed class LinearSurrogate(LinearSettings settings, ISearchSpace space) : ISurrogate
{
    private readonly MotifEncoder _encoder = MotifEncoder.For(space, settings.Encoding);
    private const string Magic = "linear/1";
    private double[] _mean = [];
    private double[] _std = [];
    private double[] _coefficients = [];
    private double _intercept;

    public int MinimumObservations => 2;

    public SurrogateFitReport Fit(IReadOnlyList<Observation> observations, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (observations.Count < MinimumObservations)
        {
            throw new ArgumentException($"linear regression needs at least {MinimumObservations} observations, got {observations.Count}");
        }

        var x = observations.Select(o => _encoder.Encode(o.Motif)).ToArray();
        var y = observations.Select(o => o.Score).ToArray();
        var width = _encoder.Length;
        _mean = [.. Enumerable.Range(0, width).Select(j => x.Average(r => r[j]))];
        _std = [.. Enumerable.Range(0, width).Select(j => Math.Sqrt(x.Average(r => (r[j] - _mean[j]) * (r[j] - _mean[j])))).Select(s => s > 1e-12 ? s : 1)];
        _intercept = y.Average();
        var z = x.Select(Standardise).ToArray();

        // Normal equations (ZᵀZ + λI) β = Zᵀ(y − ȳ): the intercept is ȳ because Z is centred.
        var gram = new double[width, width];
        var right = new double[width];
        for (var i = 0; i < z.Length; i++)
        {
            for (var a = 0; a < width; a++)
            {
                right[a] += z[i][a] * (y[i] - _intercept);
                for (var b = 0; b < width; b++)
                {
                    gram[a, b] += z[i][a] * z[i][b];
                }
            }
        }

        for (var a = 0; a < width; a++)
        {
            gram[a, a] += settings.Ridge * z.Length + 1e-12;
        }

        _coefficients = Solve(gram, right);
        var residual = z.Select((row, i) => y[i] - Evaluate(row)).Sum(r => r * r) / z.Length;
        progress?.Report(new ProgressUpdate(1, "solved"));
        return new SurrogateFitReport(new Dictionary<string, double> { ["train_mse"] = residual }, []);
    }

    public IReadOnlyList<double> Predict(IReadOnlyList<IMotif> motifs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        return _coefficients.Length == 0
            ? throw new InvalidOperationException("the linear surrogate has not been fitted (or loaded) yet")
            : [.. motifs.Select(m => Evaluate(Standardise(_encoder.Encode(m))))];
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        writer.Write(Magic);
        writer.Write(_intercept);
        foreach (var values in new[] { _mean, _std, _coefficients })
        {
            writer.Write(values.Length);
            Array.ForEach(values, writer.Write);
        }
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        if (reader.ReadString() != Magic)
        {
            throw new InvalidDataException("not a saved linear surrogate");
        }

        _intercept = reader.ReadDouble();
        double[] Read() => [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadDouble())];
        (_mean, _std, _coefficients) = (Read(), Read(), Read());
    }

    private double[] Standardise(double[] row) => [.. row.Select((v, j) => (v - _mean[j]) / _std[j])];

    private double Evaluate(double[] standardised) => _intercept + standardised.Select((v, j) => v * _coefficients[j]).Sum();

    /// <summary>Gaussian elimination with partial pivoting on a small symmetric positive-definite system.</summary>
    private static double[] Solve(double[,] matrix, double[] vector)
    {
        var n = vector.Length;
        var a = (double[,])matrix.Clone();
        var b = (double[])vector.Clone();
        for (var column = 0; column < n; column++)
        {
            var pivot = Enumerable.Range(column, n - column).MaxBy(r => Math.Abs(a[r, column]));
            for (var k = 0; k < n; k++)
            {
                (a[column, k], a[pivot, k]) = (a[pivot, k], a[column, k]);
            }

            (b[column], b[pivot]) = (b[pivot], b[column]);
            for (var row = column + 1; row < n; row++)
            {
                var factor = a[row, column] / a[column, column];
                for (var k = column; k < n; k++)
                {
                    a[row, k] -= factor * a[column, k];
                }

                b[row] -= factor * b[column];
            }
        }

        var solution = new double[n];
        for (var row = n - 1; row >= 0; row--)
        {
            var sum = b[row];
            for (var k = row + 1; k < n; k++)
            {
                sum -= a[row, k] * solution[k];
            }

            solution[row] = sum / a[row, row];
        }

        return solution;
    }

    /// <summary>Nothing to release: this component holds no tensors or native resources.</summary>
    public void Dispose()
    {
    }
}
