namespace PetriDish.Core.Search;

/// <summary>How a search ended.</summary>
/// <param name="Folder">The run folder (report.md, best.json, progress.png, results.sqlite).</param>
/// <param name="Outcome">The best evaluation, the evaluations and iterations spent, the time, why it stopped.</param>
/// <param name="Summary">The one-line summary <c>petridish run</c> prints (best motif, value, evaluations, reference rank).</param>
public sealed record SearchRunResult(string Folder, SearchOutcome Outcome, string Summary);
