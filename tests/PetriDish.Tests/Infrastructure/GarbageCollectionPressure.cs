namespace PetriDish.Tests.Infrastructure;

/// <summary>
/// Collects garbage and runs finalisers without pause on a background thread while alive: exposes
/// native handles finalised while LibTorch still reads them (see <c>HeldScalars</c>). Use it only in
/// <see cref="GarbageCollectionPressureCollection"/>, so no other test runs meanwhile.
/// </summary>
internal sealed class GarbageCollectionPressure : IDisposable
{
    private readonly Thread _collector;
    private volatile bool _stopping;

    public GarbageCollectionPressure()
    {
        _collector = new Thread(() =>
        {
            while (!_stopping)
            {
                // A Scalar converted for one native call is young, so young collections find it; a full
                // collection now and then catches one promoted meanwhile. (Full collections back to back
                // cost time in proportion to the whole test process's heap: minutes in a full run.)
                // This variant once preceded a test-host crash in CI (issue 26): it is kept, with the
                // Scalars the audit found unheld now held, so that a recurrence shows here.
                GC.Collect(Collections % 16 == 15 ? GC.MaxGeneration : 1);
                GC.WaitForPendingFinalizers();
                Collections++;
            }
        })
        { IsBackground = true, Name = "garbage-collection-pressure" };
        _collector.Start();
    }

    /// <summary>
    /// Runs <paramref name="work"/> under pressure, again and again until more than
    /// <paramref name="minimumCollections"/> collections ran meanwhile (a fast machine or a warm cache
    /// must not leave the work unexposed), and returns every result. Fails if 50 repeats were not enough.
    /// </summary>
    public static IReadOnlyList<T> RepeatUntilCollected<T>(Func<T> work, int minimumCollections)
    {
        var results = new List<T>();
        using var pressure = new GarbageCollectionPressure();
        while (pressure.Collections <= minimumCollections)
        {
            if (results.Count == 50)
            {
                throw new Xunit.Sdk.XunitException($"only {pressure.Collections} collections ran during 50 repeats of the work");
            }

            results.Add(work());
        }

        return results;
    }

    /// <summary>How many collections have run so far.</summary>
    public int Collections { get; private set; }

    public void Dispose()
    {
        _stopping = true;
        _collector.Join();
    }
}
