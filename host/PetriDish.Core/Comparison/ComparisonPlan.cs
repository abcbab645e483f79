using PetriDish.Core.Manifest;
using PetriDish.Core.Plugins;

namespace PetriDish.Core.Comparison;

/// <summary>
/// What a comparison fits and ranks, worked out from the manifest's <c>compare</c> section and the
/// caller's overrides: the observations, the train/test split, the surrogates and the number of seeds.
/// </summary>
/// <param name="Observations">Every observation read.</param>
/// <param name="Split">Which of them each surrogate is fitted on, and which it ranks.</param>
/// <param name="Surrogates">The surrogates compared.</param>
/// <param name="Seeds">Fits per surrogate, each with its own seed.</param>
/// <param name="ObservationsFile">The CSV read, or null when the ground truth's own table was used.</param>
internal sealed record ComparisonPlan(IReadOnlyList<ObservationRow> Observations, DataSplit Split, IReadOnlyList<BoundPlugin> Surrogates, int Seeds, string? ObservationsFile)
{
    /// <summary>
    /// The plan for <paramref name="manifest"/>: observations from <paramref name="observationsFile"/>, else
    /// <c>compare.observations</c>, else a table-backed ground truth's own table; seeds from
    /// <paramref name="seeds"/>, else <c>compare.seeds</c>; all surrogates unless <paramref name="surrogateNames"/> names some.
    /// Throws <see cref="InvalidInputException"/> naming what is missing or wrong.
    /// </summary>
    public static ComparisonPlan For(ValidatedManifest manifest, string? observationsFile = null, int? seeds = null, IReadOnlyList<string>? surrogateNames = null)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var (rows, csv) = ReadObservations(manifest, observationsFile);
        new SearchSpaceGuard(manifest.SearchSpaceInstance, manifest.SearchSpace.Entry.Id).CheckEncodings(rows.Select(r => r.Motif));
        return new ComparisonPlan(rows, DataSplit.Choose(rows, manifest.Manifest.Compare.Train, manifest.SearchSpaceInstance, manifest.Manifest.Seed), SelectSurrogates(manifest, surrogateNames), SeedCount(manifest, seeds), csv);
    }

    /// <summary>The observations: from <paramref name="observationsFile"/>, else <c>compare.observations</c>, else a table-backed ground truth's own table.</summary>
    internal static (IReadOnlyList<ObservationRow> Rows, string? File) ReadObservations(ValidatedManifest manifest, string? observationsFile)
    {
        var settings = manifest.Manifest.Compare;
        var csv = observationsFile ?? (settings.Observations is { } fromManifest ? Path.GetFullPath(fromManifest, manifest.BaseDirectory) : null);
        var space = manifest.SearchSpaceInstance;
        var rows = csv is not null
            ? Comparison.ObservationsFile.Read(csv, space)
            : TabulatedObservations.Read(space)
                ?? throw new InvalidInputException("no observations: give --observations FILE or set compare.observations in the manifest (only a table-backed ground truth, such as a benchmark's, is its own)");
        return (rows, csv);
    }

    /// <summary>Fits per surrogate: <paramref name="seeds"/>, else <c>compare.seeds</c>.</summary>
    internal static int SeedCount(ValidatedManifest manifest, int? seeds)
    {
        var seedCount = seeds ?? manifest.Manifest.Compare.Seeds;
        return seedCount >= 1 ? seedCount : throw new InvalidInputException("--seeds must be at least 1");
    }

    /// <summary>All surrogates of the manifest, or those <paramref name="surrogateNames"/> names.</summary>
    internal static IReadOnlyList<BoundPlugin> SelectSurrogates(ValidatedManifest manifest, IReadOnlyList<string>? surrogateNames)
    {
        var names = surrogateNames ?? [];
        var surrogates = names.Count == 0 ? manifest.Surrogates : [.. names.Select(n => ManifestSurrogates.Named(manifest, n))];
        return surrogates.Count > 0 ? surrogates : throw new InvalidInputException("the manifest lists no surrogates ($.surrogates)");
    }
}
