namespace PetriDish.Abstractions;

/// <summary>What a ground-truth evaluator measures, e.g. <c>validation-accuracy</c> (maximise).</summary>
/// <param name="Name">The metric's name, kebab-case.</param>
/// <param name="Goal">Whether larger or smaller values are better.</param>
public sealed record GroundTruthMetric(string Name, MetricGoal Goal)
{
    /// <summary>The value as a score where higher is always better.</summary>
    public double ToScore(double value) => Goal == MetricGoal.Maximize ? value : -value;

    /// <summary>The inverse of <see cref="ToScore"/>.</summary>
    public double FromScore(double score) => Goal == MetricGoal.Maximize ? score : -score;
}
