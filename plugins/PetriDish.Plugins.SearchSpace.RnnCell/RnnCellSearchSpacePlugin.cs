using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.RnnCell.Data;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>The <c>rnn-cell</c> search-space plugin.</summary>
public sealed class RnnCellSearchSpacePlugin : SearchSpacePlugin<RnnCellSettings>
{
    public override string Id => "rnn-cell";

    public override string Description => "NAO/ENAS recurrent cells with a language-model ground truth (Tiny Shakespeare embedded, Penn Treebank from a directory)";

    protected override IEnumerable<SettingsError> Validate(RnnCellSettings settings, PluginValidationContext context)
    {
        foreach (var problem in CorpusLocator.Check(settings.GroundTruth.Corpus, context.BaseDirectory))
        {
            yield return new SettingsError("groundTruth.corpus", problem);
        }
    }

    protected override ISearchSpace Create(RnnCellSettings settings, PluginContext context) => new RnnCellSearchSpace(settings, context);
}
