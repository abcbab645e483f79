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
                GC.Collect();
                GC.WaitForPendingFinalizers();
                Collections++;
            }
        })
        { IsBackground = true, Name = "garbage-collection-pressure" };
        _collector.Start();
    }

    /// <summary>How many collections have run so far.</summary>
    public int Collections { get; private set; }

    public void Dispose()
    {
        _stopping = true;
        _collector.Join();
    }
}
