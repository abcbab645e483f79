using PetriDish.Abstractions;
using PetriDish.Core.Scaffolding;
using PetriDish.Sdk;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Scaffolding;

/// <summary>The packed-version trap: a cached package of the same version but another build is reported.</summary>
public sealed class CachedContractsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private void Cache(string package, string version, string assembly)
    {
        var folder = Path.Combine(_temp.Path, package.ToLowerInvariant(), version, "lib", "net10.0");
        Directory.CreateDirectory(folder);
        File.Copy(assembly, Path.Combine(folder, package + ".dll"));
    }

    [Fact]
    public void The_same_build_in_the_cache_is_fine_and_a_missing_one_too()
    {
        Cache("PetriDish.Abstractions", "9.9.9", typeof(IMotif).Assembly.Location);

        Assert.Empty(CachedContracts.StaleCopies(_temp.Path, "9.9.9"));
    }

    [Fact]
    public void Another_build_under_the_same_version_is_named_with_its_folder_and_the_way_out()
    {
        Cache("PetriDish.Abstractions", "9.9.9", typeof(IMotif).Assembly.Location);
        Cache("PetriDish.Sdk", "9.9.9", typeof(IMotif).Assembly.Location); // a different assembly stands in for an older Sdk build

        var warning = Assert.Single(CachedContracts.StaleCopies(_temp.Path, "9.9.9"));

        Assert.Contains("PetriDish.Sdk 9.9.9", warning, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_temp.Path, "petridish.sdk", "9.9.9"), warning, StringComparison.Ordinal);
        Assert.Contains("--package-version", warning, StringComparison.Ordinal);
        Assert.NotEqual(typeof(IMotif).Assembly.Location, typeof(MotifSampler).Assembly.Location);
    }
}
