namespace PetriDish.Core.Progress;

/// <summary>Discards progress: for callers that only want the result.</summary>
internal sealed class NullProgressSink : IProgressSink
{
    /// <summary>The one instance.</summary>
    public static NullProgressSink Instance { get; } = new();

    private NullProgressSink()
    {
    }

    public void Update(double fraction, string status)
    {
    }

    public void Line(string message)
    {
    }
}
