namespace PetriDish.Core.Progress;

/// <summary>
/// Where long work (a search, a comparison, a fit) reports how far it is. The CLI draws it as a
/// progress bar or log lines; a C# caller may ignore it (<see cref="NullProgressSink"/>) or record it.
/// </summary>
public interface IProgressSink
{
    /// <summary>Overall fraction done (0–1) and what is happening now.</summary>
    void Update(double fraction, string status);

    /// <summary>A line worth keeping in the log (a finished evaluation, an iteration summary).</summary>
    void Line(string message);
}
