using PetriDish.Core.Store;

namespace PetriDish.Tests.Infrastructure;

/// <summary>Reads what a finished (or killed) run left in its folder.</summary>
public static class RunFolders
{
    /// <summary>Every evaluation the run committed to its results.sqlite, in the order they were stored.</summary>
    public static List<EvaluationRecord> Evaluations(string folder)
    {
        using var store = ResultsStore.Open(Path.Combine(folder, "results.sqlite"));
        return [.. store.Evaluations()];
    }
}
