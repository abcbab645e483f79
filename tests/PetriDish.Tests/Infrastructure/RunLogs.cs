namespace PetriDish.Tests.Infrastructure;

/// <summary>Following a petridish run started as a separate process.</summary>
public static class RunLogs
{
    /// <summary>Collects a started run's log (standard error, where petridish logs) from now on, as it is written.</summary>
    public static System.Collections.Concurrent.ConcurrentQueue<string> Follow(System.Diagnostics.Process run)
    {
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        run.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                log.Enqueue(line);
            }
        };
        run.BeginErrorReadLine();
        run.BeginOutputReadLine();
        return log;
    }

    /// <summary>
    /// Follows a started run's log until it has finished <paramref name="count"/> evaluations (it logs
    /// each, "motif → value", right after committing it); the log keeps filling after this returns.
    /// </summary>
    public static async Task<System.Collections.Concurrent.ConcurrentQueue<string>> WaitForEvaluationsAsync(System.Diagnostics.Process run, int count)
    {
        var log = Follow(run);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (log.Count(line => line.Contains(" → ", StringComparison.Ordinal)) < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"the run did not reach {count} evaluations in time: " + string.Join('\n', log));
            if (run.HasExited)
            {
                run.WaitForExit(); // Drains the log's last lines: they say why it ended.
                Assert.Fail($"the run ended (exit {run.ExitCode}) before {count} evaluations: " + string.Join('\n', log));
            }

            await Task.Delay(20);
        }

        return log;
    }
}
