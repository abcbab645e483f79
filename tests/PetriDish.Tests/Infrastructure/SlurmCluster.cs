namespace PetriDish.Tests.Infrastructure;

/// <summary>
/// A real single-node Slurm cluster for the executor tests: the one <c>SLURM_CONF</c> names (CI starts
/// one with .ci/setup-slurm.sh), or one this fixture starts itself with .ci/slurm-cluster.sh (installing
/// the Debian packages first when running as root). Without Slurm and without root the tests fail,
/// saying what to install: they are never skipped.
/// </summary>
public sealed class SlurmCluster : IAsyncLifetime
{
    private string? _ownFolder;

    public async Task InitializeAsync()
    {
        if (Environment.GetEnvironmentVariable("SLURM_CONF") is { Length: > 0 } && await ControllerUpAsync())
        {
            return;
        }

        _ownFolder = Path.Combine(Path.GetTempPath(), "petridish-slurm-" + Environment.ProcessId);
        // Free ports, so that a cluster already running here (on the default ports) is no obstacle.
        var ports = new Dictionary<string, string> { ["PETRIDISH_SLURMCTLD_PORT"] = FreePort(), ["PETRIDISH_SLURMD_PORT"] = FreePort() };
        var setup = await ProcessRunner.RunAsync("bash", [Path.Combine(RepoPaths.Root, ".ci", "setup-slurm.sh"), _ownFolder], RepoPaths.Root, TimeSpan.FromMinutes(5), ports);
        if (setup.ExitCode != 0)
        {
            await DisposeAsync();
            throw new InvalidOperationException($"These tests need a Slurm cluster and none could be started. Install slurmctld slurmd slurm-client munge (sudo .ci/setup-slurm.sh DIR does it and starts one; then export SLURM_CONF=DIR/slurm.conf), or leave them out with --filter Category!=Slurm.\n{setup}");
        }

        Environment.SetEnvironmentVariable("SLURM_CONF", Path.Combine(_ownFolder, "slurm.conf"));
    }

    public async Task DisposeAsync()
    {
        if (_ownFolder is not null)
        {
            await ProcessRunner.RunAsync("bash", [Path.Combine(RepoPaths.Root, ".ci", "slurm-cluster.sh"), "stop", _ownFolder], RepoPaths.Root, TimeSpan.FromMinutes(1));
        }
    }

    /// <summary>Jobs the controller knows: id → (name, state).</summary>
    public static async Task<Dictionary<string, (string Name, string State)>> JobsAsync()
    {
        var result = await ProcessRunner.RunAsync("scontrol", ["show", "job", "-o"], RepoPaths.Root, TimeSpan.FromSeconds(30));
        var jobs = new Dictionary<string, (string, string)>();
        foreach (var line in result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            string Field(string key) => line.Split(' ').FirstOrDefault(f => f.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..] ?? "";
            if (Field("JobId") is { Length: > 0 } id)
            {
                jobs[id] = (Field("JobName"), Field("JobState"));
            }
        }

        return jobs;
    }

    private static string FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<bool> ControllerUpAsync()
    {
        try
        {
            var ping = await ProcessRunner.RunAsync("scontrol", ["ping"], RepoPaths.Root, TimeSpan.FromSeconds(30));
            return ping.ExitCode == 0 && ping.Output.Contains("UP", StringComparison.Ordinal);
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class SlurmCollection : ICollectionFixture<SlurmCluster>
{
    public const string Name = "slurm";
}
