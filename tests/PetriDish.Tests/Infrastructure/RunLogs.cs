namespace PetriDish.Tests.Infrastructure;

/// <summary>Following a petridish run started as a separate process.</summary>
public static class RunLogs
{
    /// <summary>
    /// Follows a started run's log until it has finished <paramref name="count"/> evaluations (it logs
    /// each, "motif → value", right after committing it); the log keeps filling after this returns.
    /// </summary>
    public static async Task<System.Collections.Concurrent.ConcurrentQueue<string>> WaitForEvaluationsAsync(System.Diagnostics.Process run, int count)
    {
        var finished = 0;
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        run.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
                if (line.Contains(" → ", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref finished);
                }
            }
        };
        run.BeginErrorReadLine();
        run.BeginOutputReadLine();
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (Volatile.Read(ref finished) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the run did not reach {count} evaluations in time: " + string.Join('\n', log));
            Assert.False(run.HasExited, $"the run ended before {count} evaluations: " + string.Join('\n', log));
            await Task.Delay(20);
        }

        return log;
    }
}
