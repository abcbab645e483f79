namespace PetriDish.Tests.Infrastructure;

/// <summary>
/// PetriDish.Abstractions, PetriDish.Sdk and PetriDish.Kernels packed from this checkout into a temporary folder, once per
/// test class, at a version no earlier pack used: scaffolded plugins restore exactly these, never a copy
/// of an older build that the NuGet cache may hold under the same version. Packing builds in its own
/// artifacts folder, so the test run's own build outputs are not touched.
/// </summary>
public sealed class PackedContracts : IAsyncLifetime
{
    private readonly TempDirectory _temp = new();

    public string Source => _temp.File("packages");

    public string Version { get; } = $"0.1.0-test.{DateTime.UtcNow:yyyyMMddHHmmss}.{Environment.ProcessId}";

    public async Task InitializeAsync()
    {
        foreach (var project in new[] { "PetriDish.Abstractions", "PetriDish.Sdk", "PetriDish.Kernels" })
        {
            var pack = await ProcessRunner.RunAsync(
                "dotnet",
                ["pack", Path.Combine(RepoPaths.Root, "abstractions", project, project + ".csproj"), "-c", "Release", $"-p:Version={Version}", "-o", Source, "--artifacts-path", _temp.File("artifacts"), "-nologo"],
                RepoPaths.Root,
                TimeSpan.FromMinutes(5));
            Assert.True(pack.ExitCode == 0, pack.ToString());
        }
    }

    public Task DisposeAsync()
    {
        _temp.Dispose();
        return Task.CompletedTask;
    }
}
