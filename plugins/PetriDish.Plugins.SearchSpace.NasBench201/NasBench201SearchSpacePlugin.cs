using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201.Table;

namespace PetriDish.Plugins.SearchSpace.NasBench201;

/// <summary>The <c>nas-bench-201</c> search-space plugin.</summary>
public sealed class NasBench201SearchSpacePlugin : SearchSpacePlugin<NasBench201Settings>
{
    public override string Id => "nas-bench-201";

    public override string Description => "NAS-Bench-201 convolutional cells (4 nodes, 6 edges, 5 operations: 15,625 cells) with a table of the benchmark's results as ground truth";

    protected override IEnumerable<SettingsError> Validate(NasBench201Settings settings, PluginValidationContext context)
    {
        // Read the table now: a missing column or a malformed row is a problem of the manifest,
        // reported before anything runs rather than at the first evaluation.
        string? problem;
        try
        {
            problem = TableGroundTruth.ProblemWith(BenchmarkTable.Load(NasBench201SearchSpace.TablePathOf(settings.GroundTruth, context.ResolvePath)), settings.GroundTruth);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new SettingsError(settings.GroundTruth.Table is null ? "groundTruth" : "groundTruth.table", problem);
        }
    }

    protected override ISearchSpace Create(NasBench201Settings settings, PluginContext context) => new NasBench201SearchSpace(settings, context);
}
