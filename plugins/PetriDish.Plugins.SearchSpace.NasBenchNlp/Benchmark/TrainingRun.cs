namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;

/// <summary>One training run of the release: one <c>log_stats_model_*.json</c> file.</summary>
/// <param name="File">The log's name (inside its folder or zip), for messages and details.</param>
/// <param name="RecipeId">The release's <c>recepie_id</c>.</param>
/// <param name="Status"><c>OK</c>, or why training stopped (the release writes <c>loss is nan!</c>).</param>
/// <param name="ValidationLosses">Validation cross-entropy (natural log) after each epoch run; NaN where it was not a number.</param>
/// <param name="WallTimes">Seconds per epoch on the release's GPU.</param>
/// <param name="Parameters">The language model's parameter count (<c>num_params</c>), or 0 if absent.</param>
public sealed record TrainingRun(string File, long RecipeId, string Status, IReadOnlyList<double> ValidationLosses, IReadOnlyList<double> WallTimes, long Parameters)
{
    /// <summary>The release's status of a run that trained to the end.</summary>
    public const string Completed = "OK";

    /// <summary>The validation loss after epoch <paramref name="epoch"/> (1-based), or null if the run has no finite value there.</summary>
    public double? LossAfter(int epoch) =>
        epoch >= 1 && epoch <= ValidationLosses.Count && double.IsFinite(ValidationLosses[epoch - 1]) ? ValidationLosses[epoch - 1] : null;

    /// <summary>True when the run trained to the end with a finite loss at every epoch.</summary>
    public bool IsComplete => Status == Completed && ValidationLosses.Count > 0 && ValidationLosses.All(double.IsFinite);
}
