using PetriDish.Cli;
using PetriDish.Core;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Store;

/// <summary>Issue 18: a store that is not a database, or not ours, is named with what to do, and reading never changes it.</summary>
public sealed class DamagedStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static readonly byte[] Garbage = [.. Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251))];

    private string RunFolderWith(byte[] database)
    {
        var folder = _temp.File("run-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, "results.sqlite"), database);
        return folder;
    }

    [Theory]
    [InlineData(false, "not a SQLite database")]
    [InlineData(true, "not a PetriDish results store")]
    public async Task Summarize_names_the_file_says_what_is_wrong_and_leaves_its_bytes_unchanged(bool empty, string expected)
    {
        var bytes = empty ? [] : Garbage;
        var folder = RunFolderWith(bytes);
        var database = Path.Combine(folder, "results.sqlite");

        var result = await InProcessCli.RunAsync("summarize", folder, "--out", _temp.File("summary"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(database, result.Error, StringComparison.Ordinal);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Equal(bytes, File.ReadAllBytes(database));
        Assert.False(File.Exists(database + "-wal"));
    }

    [Fact]
    public async Task Resuming_a_run_whose_store_is_not_a_database_is_refused_naming_the_file()
    {
        var folder = RunFolderWith(Garbage);
        var database = Path.Combine(folder, "results.sqlite");

        var result = await InProcessCli.RunAsync("run", "--resume", folder);

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains(database, result.Error, StringComparison.Ordinal);
        Assert.Contains("not a SQLite database", result.Error, StringComparison.Ordinal);
        Assert.Equal(Garbage, File.ReadAllBytes(database));
    }

    [Fact]
    public void Opening_a_foreign_file_for_writing_names_it_and_says_what_to_do()
    {
        var path = _temp.File("foreign.sqlite");
        File.WriteAllBytes(path, Garbage);

        var error = Assert.Throws<InvalidInputException>(() => ResultsStore.Open(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("move it aside", error.Message, StringComparison.Ordinal);
        Assert.Equal(Garbage, File.ReadAllBytes(path));
    }
}
