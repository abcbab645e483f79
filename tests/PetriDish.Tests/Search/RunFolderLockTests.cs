using PetriDish.Core;
using PetriDish.Core.Search;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Search;

public sealed class RunFolderLockTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void A_held_folder_refuses_a_second_holder_naming_the_first_and_is_free_again_once_released()
    {
        var folder = _temp.File("run");
        using (RunFolderLock.Acquire(folder))
        {
            var refused = Assert.Throws<InvalidInputException>(() => RunFolderLock.Acquire(folder));
            Assert.Contains($"process {Environment.ProcessId} on {Environment.MachineName}", refused.Message, StringComparison.Ordinal);
            Assert.Contains("in use by another petridish process", refused.Message, StringComparison.Ordinal);
        }

        using var again = RunFolderLock.Acquire(folder);
        Assert.True(File.Exists(Path.Combine(folder, "run.lock")));
    }
}
