using System.Globalization;

namespace PetriDish.Core.Search;

/// <summary>
/// A run folder belongs to one process: an exclusive lock on <c>run.lock</c> in it, held for the run's
/// life. The operating system releases it when the process ends in any way (a <c>kill -9</c> too), so
/// nothing is ever left to clean up by hand. Beside it, <c>run.lock.owner</c> names the holder for the
/// message a second process gets.
/// </summary>
internal sealed class RunFolderLock : IDisposable
{
    internal const string LockName = "run.lock";
    internal const string OwnerName = "run.lock.owner";
    private const int ProbeRetries = 5;

    private readonly FileStream _lock;

    private RunFolderLock(FileStream handle, string folder)
    {
        _lock = handle;
        Folder = folder;
    }

    /// <summary>The folder held.</summary>
    public string Folder { get; }

    /// <summary>Takes the folder (creating it), or throws <see cref="InvalidInputException"/> naming the process that holds it.</summary>
    public static RunFolderLock Acquire(string folder) =>
        TryAcquire(folder) ?? throw InUse(folder, Owner(folder));

    /// <summary>The error for a folder another process holds.</summary>
    public static InvalidInputException InUse(string folder, string owner) =>
        new($"{folder} is in use by another petridish process ({owner}); wait for it to end or stop it. A process that died releases the folder by itself.");

    /// <summary>Takes the folder (creating it), or returns null when another process holds it.</summary>
    public static RunFolderLock? TryAcquire(string folder)
    {
        Directory.CreateDirectory(folder);
        FileStream? handle = null;
        for (var attempt = 1; handle is null; attempt++)
        {
            try
            {
                // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows: either way
                // another process's attempt fails until this handle closes or the process dies.
                handle = new FileStream(Path.Combine(folder, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < ProbeRetries)
            {
                // A reader's probe (Holder: the dashboard asks every few seconds) holds the lock for
                // microseconds; a run holds it for its life. Asking again shortly tells them apart.
                Thread.Sleep(20);
            }
            catch (IOException)
            {
                return null;
            }
        }

        File.WriteAllText(Path.Combine(folder, OwnerName), string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}"));
        return new RunFolderLock(handle, folder);
    }

    /// <summary>The process holding <paramref name="folder"/> (as its owner file names it), or null when none does; changes nothing.</summary>
    public static string? Holder(string folder)
    {
        var path = Path.Combine(folder, LockName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            // Read access is enough for the exclusive lock the probe tries, and works in folders this
            // process may only read (the dashboard's).
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return null;
        }
        catch (IOException)
        {
            return Owner(folder);
        }
        catch (UnauthorizedAccessException)
        {
            return null; // Not even readable here: nothing can be told, and nothing is claimed.
        }
    }

    public void Dispose() => _lock.Dispose();

    private static string Owner(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, OwnerName)).Trim();
        }
        catch (IOException)
        {
            return "owner unknown";
        }
    }
}
