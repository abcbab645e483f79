using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>The <c>nas-bench-nlp</c> search-space plugin.</summary>
public sealed class NasBenchNlpSearchSpacePlugin : SearchSpacePlugin<NasBenchNlpSettings>
{
    public override string Id => "nas-bench-nlp";

    public override string Description => "NAS-Bench-NLP recurrent cells (DAGs of linear, blend, elementwise and activation nodes) with the release's WikiText-2 training logs as ground truth";

    protected override IEnumerable<SettingsError> Validate(NasBenchNlpSettings settings, PluginValidationContext context)
    {
        if (settings.GroundTruth.Logs is not { } logs)
        {
            yield break;
        }

        // Read the whole table now: a missing or corrupt log is a problem of the manifest, reported
        // before anything runs rather than at the first evaluation.
        LogTable? table = null;
        string? problem = null;
        try
        {
            table = LogTable.Load(context.ResolvePath(logs));
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            problem = ex.Message;
        }

        if (problem is not null)
        {
            yield return new SettingsError("groundTruth.logs", problem);
        }
        else if (table!.Cells.MaxBy(c => c.Cell.Nodes.Count) is { } largest && largest.Cell.Nodes.Count > settings.MaxNodes)
        {
            yield return new SettingsError("maxNodes", $"the table holds cells of up to {largest.Cell.Nodes.Count} nodes (e.g. in {largest.Runs[0].File}); raise maxNodes to at least that");
        }
    }

    protected override ISearchSpace Create(NasBenchNlpSettings settings, PluginContext context) => new NasBenchNlpSearchSpace(settings, context);
}
