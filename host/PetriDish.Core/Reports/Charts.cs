using PetriDish.Abstractions;
using ScottPlot;

namespace PetriDish.Core.Reports;

/// <summary>PNG charts for reports (ScottPlot; renders headless).</summary>
internal static class Charts
{
    private static readonly Color[] Palette =
    [
        Color.FromHex("#1f77b4"), Color.FromHex("#2ca02c"), Color.FromHex("#d62728"), Color.FromHex("#ff7f0e"),
        Color.FromHex("#9467bd"), Color.FromHex("#8c564b"), Color.FromHex("#e377c2"), Color.FromHex("#7f7f7f"),
    ];

    /// <summary>Where the legend of a best-so-far curve stays out of the way: it rises when maximising, falls when minimising.</summary>
    public static Alignment BestSoFarLegend(MetricGoal goal) => goal == MetricGoal.Minimize ? Alignment.UpperRight : Alignment.LowerRight;

    /// <summary>
    /// Draws the series into a PNG at <paramref name="path"/>; <paramref name="shadedX"/> shades an x-range
    /// (e.g. the training region); <paramref name="legend"/> puts the legend where the curves are not
    /// (lower right by default, upper right for falling curves such as a minimised metric's best so far);
    /// <paramref name="xTicks"/> replaces the horizontal axis's ticks by named positions; <paramref name="logYFloor"/>
    /// draws the vertical axis on a log scale, with values below the floor (zeros) drawn at it.
    /// </summary>
    public static void Save(string path, string title, string xLabel, string yLabel, IReadOnlyList<ChartSeries> series, (double From, double To)? shadedX = null, string? shadedLabel = null, Alignment legend = Alignment.LowerRight, IReadOnlyList<(double Position, string Label)>? xTicks = null, double? logYFloor = null)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (logYFloor is { } floor)
        {
            IReadOnlyList<double>? Log(IReadOnlyList<double>? values) => values?.Select(v => double.IsNaN(v) ? v : Math.Log10(Math.Max(v, floor))).ToList();
            series = [.. series.Select(s => s with { Y = Log(s.Y)!, Lower = Log(s.Lower ?? s.Band?.Select((b, i) => s.Y[i] - b).ToList()), Upper = Log(s.Upper ?? s.Band?.Select((b, i) => s.Y[i] + b).ToList()), Band = null })];
        }

        var plot = new Plot();
        if (shadedX is { } shade)
        {
            var span = plot.Add.HorizontalSpan(shade.From, shade.To);
            span.FillStyle.Color = Color.FromHex("#1f77b4").WithAlpha(0.12);
            span.LineStyle.Width = 0;
            span.LegendText = shadedLabel ?? "";
        }

        for (var i = 0; i < series.Count; i++)
        {
            var s = series[i];
            var color = Palette[i % Palette.Length];
            var points = s.X.Zip(s.Y).Where(p => double.IsFinite(p.First) && double.IsFinite(p.Second)).ToArray();
            if (points.Length == 0)
            {
                continue;
            }

            if (s.Lower is { } lower && s.Upper is { } upper)
            {
                var withBand = s.X.Select((x, j) => (x, lo: lower[j], hi: upper[j])).Where(p => double.IsFinite(p.lo) && double.IsFinite(p.hi)).ToArray();
                var fill = plot.Add.FillY([.. withBand.Select(p => p.x)], [.. withBand.Select(p => p.lo)], [.. withBand.Select(p => p.hi)]);
                fill.FillColor = color.WithAlpha(0.15);
                fill.LineWidth = 0;
            }
            else if (s.Band is { } band)
            {
                var withBand = s.X.Select((x, j) => (x, y: s.Y[j], b: band[j])).Where(p => double.IsFinite(p.y) && double.IsFinite(p.b)).ToArray();
                var fill = plot.Add.FillY([.. withBand.Select(p => p.x)], [.. withBand.Select(p => p.y - p.b)], [.. withBand.Select(p => p.y + p.b)]);
                fill.FillColor = color.WithAlpha(0.15);
                fill.LineWidth = 0;
            }

            var scatter = plot.Add.Scatter(points.Select(p => p.First).ToArray(), points.Select(p => p.Second).ToArray());
            scatter.Color = color;
            scatter.LegendText = s.Name;
            scatter.LineWidth = s.Lines ? 2 : 0;
            scatter.MarkerSize = s.Lines ? (points.Length > 60 ? 0 : 4) : 7; // dense curves read better as lines
            scatter.MarkerShape = s.Lines ? MarkerShape.FilledCircle : MarkerShape.FilledDiamond;
        }

        if (xTicks is not null)
        {
            // Named positions, e.g. training sizes drawn on a log axis (x = log10 n, labelled n).
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. xTicks.Select(t => t.Position)], [.. xTicks.Select(t => t.Label)]);
        }

        if (logYFloor is not null)
        {
            plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
            {
                MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
                IntegerTicksOnly = true,
                LabelFormatter = y => Math.Pow(10, y).ToString("G3", System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        plot.Title(title);
        plot.XLabel(xLabel);
        plot.YLabel(yLabel);
        plot.ShowLegend(legend);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        plot.SavePng(path, 1000, 620);
    }
}
