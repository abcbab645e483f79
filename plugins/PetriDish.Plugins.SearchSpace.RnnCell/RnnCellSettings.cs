using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>Settings of the <c>rnn-cell</c> search space.</summary>
public sealed class RnnCellSettings
{
    [Description("Nodes after the input node (NAO: 11).")]
    [Range(1, 30)]
    public int Nodes { get; init; } = 11;

    [Description("The Petri dish's motif-network: the cell at tiny width on synthetic sequences.")]
    public CellNetworkSettings MotifNetwork { get; init; } = new();

    [Description("The ground truth: a language model with the cell in place of the LSTM.")]
    public LanguageModelSettings GroundTruth { get; init; } = new();
}
