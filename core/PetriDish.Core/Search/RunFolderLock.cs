using System.Globalization;

namespace PetriDish.Core.Search;

/// <summary>
/// A run folder belongs to one process: an exclusive lock on <c>run.lock</c> in it, held for the run's
/// life. The operating system releases it when the process ends in any way (a <c>kill -9</c> too), so
/// nothing is ever left to clean up by hand. Beside it, <c>run.lock.owner</c> names the holder for the
/// message a second process gets.
/// </summary>
public sealed class RunFolderLock : IDisposable
{
    private const string LockName = "run.lock";
    private const string OwnerName = "run.lock.owner";

    private readonly FileStream _lock;

    private RunFolderLock(FileStream handle) => _lock = handle;

    /// <summary>Takes the folder (creating it), or throws <see cref="InvalidInputException"/> naming the process that holds it.</summary>
    public static RunFolderLock Acquire(string folder)
    {
        Directory.CreateDirectory(folder);
        FileStream handle;
        try
        {
            // FileShare.None is an exclusive flock on Unix and a share-mode lock on Windows: either way
            // another process's attempt fails until this handle closes or the process dies.
            handle = new FileStream(Path.Combine(folder, LockName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            throw new InvalidInputException($"{folder} is in use by another petridish process ({Owner(folder)}); wait for it to end or stop it. " +
                "A process that died releases the folder by itself.");
        }

        File.WriteAllText(Path.Combine(folder, OwnerName), string.Create(CultureInfo.InvariantCulture,
            $"process {Environment.ProcessId} on {Environment.MachineName}, since {DateTimeOffset.Now:yyyy-MM-dd HH:mm:ss zzz}"));
        return new RunFolderLock(handle);
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
