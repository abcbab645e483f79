namespace PetriDish.Core.Search;

/// <summary>The search loop's own checkpoint, written after every finished iteration.</summary>
/// <param name="Iteration">The last finished iteration (0 = the warm-up).</param>
/// <param name="Random">The loop's random state (exploration draws, warm-up samples).</param>
/// <param name="ElapsedSeconds">Wall time spent in this run so far, over all sessions.</param>
/// <param name="StopReason">Why the search stopped, once it has.</param>
/// <param name="SurrogateSeconds">Of <paramref name="ElapsedSeconds"/>, the time the screening surrogate spent fitting and ranking (0 in checkpoints written before it was recorded).</param>
internal sealed record LoopState(int Iteration, ulong[] Random, double ElapsedSeconds, string? StopReason, double SurrogateSeconds = 0);
