namespace PetriDish.Abstractions;

/// <summary>Whether a larger or a smaller ground-truth value is better.</summary>
public enum MetricGoal
{
    /// <summary>Smaller is better (a loss, a perplexity).</summary>
    Minimize,

    /// <summary>Larger is better (an accuracy).</summary>
    Maximize,
}
