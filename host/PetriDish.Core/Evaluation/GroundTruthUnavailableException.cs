namespace PetriDish.Core.Evaluation;

/// <summary>
/// The ground truth cannot run at all (its data cannot be read, say): every evaluation would fail the
/// same way, so the command stops instead of recording one failure per motif.
/// </summary>
internal sealed class GroundTruthUnavailableException : Exception
{
    public GroundTruthUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GroundTruthUnavailableException(string message)
        : base(message)
    {
    }

    public GroundTruthUnavailableException()
    {
    }
}
