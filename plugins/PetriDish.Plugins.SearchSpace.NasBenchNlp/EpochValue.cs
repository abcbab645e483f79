namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>Which of a run's per-epoch validation perplexities is the cell's value.</summary>
public enum EpochValue
{
    /// <summary>After the last epoch trained (epoch 50 in the release; epoch e at fidelity e).</summary>
    Last,

    /// <summary>The lowest over the epochs trained (early stopping with the validation set).</summary>
    Min,
}
