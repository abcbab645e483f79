namespace PetriDish.Core.Execution;

/// <summary>Where an executor's job stands.</summary>
/// <param name="Finished">False while queued or running.</param>
/// <param name="Failure">For a finished job that did not complete normally: what happened (e.g. <c>TIMEOUT</c>, <c>FAILED, exit code 1</c>).</param>
/// <param name="Retryable">False when trying again makes no sense (someone cancelled the job on purpose).</param>
internal sealed record JobState(bool Finished, string? Failure = null, bool Retryable = true)
{
    public static JobState Waiting { get; } = new(false);

    public static JobState Completed { get; } = new(true);

    public static JobState Failed(string failure, bool retryable = true) => new(true, failure, retryable);
}
