namespace PetriDish.Abstractions;

/// <summary>The three kinds of plugin.</summary>
public enum PluginKind
{
    /// <summary>Motifs, their motif-networks and their ground truth (<see cref="ISearchSpace"/>).</summary>
    SearchSpace,

    /// <summary>Performance predictors (<see cref="ISurrogate"/>).</summary>
    Surrogate,

    /// <summary>Search strategies (<see cref="IOptimizer"/>).</summary>
    Optimizer,
}
