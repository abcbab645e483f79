using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Core.Reports;

namespace PetriDish.Core.Comparison;

/// <summary>
/// Writes what a tracing surrogate (<see cref="IFitTracing"/>) reports during a comparison's fits, as
/// it arrives (nothing is lost if the comparison stops): per surrogate, <c>trace-NAME.csv</c> (each
/// member after each step: the surrogate's own figures and how its scores of that step rank the test
/// motifs) and <c>trace-NAME-scores.csv</c> (the scores of every observed motif, one column each);
/// <see cref="Finish"/> draws the first seed's trace: <c>trace-NAME.png</c> (each member's test Kendall τ
/// by step) and, for a one-parameter family, <c>trace-NAME-curves.png</c> (the first member's
/// normalised scores along the axis at a few steps, beside the ground truth).
/// </summary>
internal sealed class FitTraceWriter : IDisposable
{
    private readonly string _directory;
    private readonly ComparisonContext _context;
    private readonly Dictionary<string, Files> _files = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<ObservationRow> _rows;
    private readonly GroundTruthMetric _metric;
    private readonly IMotifAxis? _axis;
    private readonly List<string> _plots = [];

    /// <summary>A writer into <paramref name="directory"/> for the comparison of <paramref name="rows"/> split as <paramref name="split"/>.</summary>
    public FitTraceWriter(string directory, IReadOnlyList<ObservationRow> rows, DataSplit split, GroundTruthMetric metric, IMotifAxis? axis)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(split);
        ArgumentNullException.ThrowIfNull(metric);
        Directory.CreateDirectory(directory);
        _directory = directory;
        _context = new ComparisonContext(rows, split, metric, axis);
        (_rows, _metric, _axis) = (rows, metric, axis);
    }

    /// <summary>The motifs a tracing surrogate scores at every step: every observation, in the file's order.</summary>
    public IReadOnlyList<IMotif> Probes => _context.Probes;

    /// <summary>The files written so far.</summary>
    public IReadOnlyList<string> Paths => [.. _files.Values.SelectMany(f => new[] { f.TracePath, f.ScoresPath }), .. _plots];

    /// <summary>Draws each traced surrogate's first seed (see the class remarks).</summary>
    public void Finish()
    {
        foreach (var (surrogate, files) in _files)
        {
            var first = files.FirstSeed;
            if (first.Count == 0)
            {
                continue;
            }

            var byMember = first.GroupBy(r => r.Record.Member).OrderBy(g => g.Key).ToList();
            var tauPath = Path.Combine(_directory, $"trace-{surrogate}.png");
            Charts.Save(tauPath, $"{surrogate}, seed 1: each member's ranking of the test motifs during its fit", "outer step", "Kendall τ on the test motifs",
                [.. byMember.Select(g => new ChartSeries($"member {g.Key + 1}", [.. g.Select(r => (double)r.Record.Step)], [.. g.Select(r => r.TestKendallTau)]))]);
            _plots.Add(tauPath);
            if (_axis is { } axis)
            {
                var member = byMember[0].ToList();
                var lastStep = member.Max(r => r.Record.Step);
                int[] wanted = [0, 5, 10, 20, 40, lastStep];
                var order = Enumerable.Range(0, _rows.Count).OrderBy(i => axis.PositionOf(_rows[i].Motif)).ToArray();
                var x = order.Select(i => axis.PositionOf(_rows[i].Motif)).ToArray();
                var truth = RankMetrics.Standardise([.. _rows.Select(r => _metric.ToScore(r.Value))]);
                var series = new List<ChartSeries> { new("ground truth", x, [.. order.Select(i => truth[i])]) };
                foreach (var record in member.Where(r => wanted.Contains(r.Record.Step)).DistinctBy(r => r.Record.Step))
                {
                    var z = RankMetrics.StandardiseScores(record.Record.ProbeScores);
                    series.Add(new ChartSeries($"step {record.Record.Step}", x, [.. order.Select(i => z[i])]));
                }

                var curvesPath = Path.Combine(_directory, $"trace-{surrogate}-curves.png");
                var (low, high) = _context.TrainingRange(axis);
                Charts.Save(curvesPath, $"{surrogate}, seed 1, member 1: its scores along the axis during the fit", axis.Name, $"normalised {_metric.Name} / score", series, (low, high), "training motifs' range");
                _plots.Add(curvesPath);
            }
        }
    }

    /// <summary>The trace to hand to surrogate <paramref name="surrogate"/>'s fit with seed index <paramref name="seed"/>.</summary>
    public FitTrace For(string surrogate, int seed) => new(Probes, record => Write(surrogate, seed, record));

    public void Dispose()
    {
        foreach (var files in _files.Values)
        {
            files.Dispose();
        }
    }

    private void Write(string surrogate, int seed, FitTraceRecord record)
    {
        if (record.ProbeScores.Count != Probes.Count)
        {
            throw new InvalidOperationException($"surrogate '{surrogate}' traced {record.ProbeScores.Count} probe scores for {Probes.Count} probes");
        }

        if (!_files.TryGetValue(surrogate, out var files))
        {
            files = new Files(_directory, surrogate, [.. record.Figures.Keys.Order(StringComparer.Ordinal)], Probes);
            _files[surrogate] = files;
        }

        var metrics = _context.Measure(record.ProbeScores);
        if (seed == 0)
        {
            files.FirstSeed.Add((record, metrics.Test.KendallTau));
        }

        var missing = files.Figures.Where(f => !record.Figures.ContainsKey(f)).ToList();
        if (missing.Count > 0 || record.Figures.Count != files.Figures.Count)
        {
            throw new InvalidOperationException($"surrogate '{surrogate}' traced the figures [{string.Join(", ", record.Figures.Keys)}] after [{string.Join(", ", files.Figures)}]: every record must name the same ones");
        }

        IEnumerable<string> head = [Csv(seed + 1), Csv(record.Member), Csv(record.Step)];
        files.Trace.WriteLine(string.Join(',', head.Concat(
        [
            Csv(metrics.Test.KendallTau), Csv(metrics.Test.KendallTauBelow), Csv(metrics.Test.KendallTauAbove), Csv(metrics.Test.Spearman),
            CsvText.Field(metrics.Test.Top1Motif), Csv(metrics.Test.Top1TrueRank), Csv(metrics.Test.Top1Regret), Csv(metrics.TrainKendallTau),
        ]).Concat(files.Figures.Select(f => Csv(record.Figures[f])))));
        files.Scores.WriteLine(string.Join(',', head.Concat(record.ProbeScores.Select(Csv))));
    }

    private static string Csv(double value) => double.IsNaN(value) ? "" : value.ToString("R", CultureInfo.InvariantCulture);

    private static string Csv(double? value) => value is { } v ? Csv(v) : "";

    private static string Csv(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>How a trace's scores of all observations rank the comparison's test motifs (and its training motifs).</summary>
    private sealed class ComparisonContext
    {
        private readonly int[] _test;
        private readonly int[] _train;
        private readonly IMotif[] _testMotifs;
        private readonly double[] _testTruth;
        private readonly double[] _trainTruth;
        private readonly int _k;
        private readonly GroundTruthMetric _metric;
        private readonly int[] _below;
        private readonly int[] _above;

        public ComparisonContext(IReadOnlyList<ObservationRow> rows, DataSplit split, GroundTruthMetric metric, IMotifAxis? axis)
        {
            Probes = [.. rows.Select(r => r.Motif)];
            var index = rows.Select((r, i) => (r, i)).ToDictionary(p => p.r, p => p.i);
            _test = [.. split.Test.Select(r => index[r])];
            _train = [.. split.Train.Select(r => index[r])];
            _testMotifs = [.. split.Test.Select(r => r.Motif)];
            _testTruth = [.. split.Test.Select(r => metric.ToScore(r.Value))];
            _trainTruth = [.. split.Train.Select(r => metric.ToScore(r.Value))];
            _k = RankMetrics.DefaultK(_testMotifs.Length);
            _metric = metric;
            (_below, _above) = SurrogateComparison.OutsideTrainingRange(axis, split);
        }

        public IReadOnlyList<IMotif> Probes { get; }

        public (double Low, double High) TrainingRange(IMotifAxis axis) => (_train.Min(i => axis.PositionOf(Probes[i])), _train.Max(i => axis.PositionOf(Probes[i])));

        public (SeedMetrics Test, double TrainKendallTau) Measure(IReadOnlyList<double> scores)
        {
            var test = SurrogateComparison.Measure(0, _testMotifs, _testTruth, [.. _test.Select(i => scores[i])], _k, _metric, _below, _above);
            return (test, RankMetrics.KendallTauB(_trainTruth, [.. _train.Select(i => scores[i])]));
        }
    }

    private sealed class Files : IDisposable
    {
        public Files(string directory, string surrogate, IReadOnlyList<string> figures, IReadOnlyList<IMotif> probes)
        {
            Figures = figures;
            TracePath = Path.Combine(directory, $"trace-{surrogate}.csv");
            ScoresPath = Path.Combine(directory, $"trace-{surrogate}-scores.csv");
            Trace = new StreamWriter(TracePath) { AutoFlush = true, NewLine = "\n" };
            Scores = new StreamWriter(ScoresPath) { AutoFlush = true, NewLine = "\n" };
            Trace.WriteLine(string.Join(',', new[] { "seed", "member", "step", "test_kendall_tau", "test_kendall_tau_below", "test_kendall_tau_above", "test_spearman", "top1_motif", "top1_true_rank", "top1_regret", "train_kendall_tau" }.Concat(figures.Select(CsvText.Field))));
            Scores.WriteLine(string.Join(',', new[] { "seed", "member", "step" }.Concat(probes.Select(p => CsvText.Field(p.Key)))));
        }

        public IReadOnlyList<string> Figures { get; }

        /// <summary>The first seed's records with their test Kendall τ, for the plots.</summary>
        public List<(FitTraceRecord Record, double TestKendallTau)> FirstSeed { get; } = [];

        public string TracePath { get; }

        public string ScoresPath { get; }

        public StreamWriter Trace { get; }

        public StreamWriter Scores { get; }

        public void Dispose()
        {
            Trace.Dispose();
            Scores.Dispose();
        }
    }
}
