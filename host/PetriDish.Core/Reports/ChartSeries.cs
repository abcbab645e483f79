namespace PetriDish.Core.Reports;

/// <summary>One named series of a chart.</summary>
/// <param name="Name">Legend text.</param>
/// <param name="X">Horizontal values.</param>
/// <param name="Y">Vertical values (NaN points are skipped).</param>
/// <param name="Lines">Connect the points (a curve) or only mark them.</param>
/// <param name="Band">Optional ± half-width around <paramref name="Y"/> (a standard deviation), drawn as a shaded band.</param>
/// <param name="Lower">Optional lower edge of a shaded band (e.g. a confidence interval), with <paramref name="Upper"/>; instead of <paramref name="Band"/>.</param>
/// <param name="Upper">The band's upper edge.</param>
internal sealed record ChartSeries(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y, bool Lines = true, IReadOnlyList<double>? Band = null, IReadOnlyList<double>? Lower = null, IReadOnlyList<double>? Upper = null);
