namespace PetriDish.Dashboard;

/// <summary>What <see cref="DashboardServer"/> serves and where it listens.</summary>
public sealed class DashboardOptions
{
    /// <summary>The default port of <c>petridish serve</c>.</summary>
    public const int DefaultPort = 5180;

    /// <summary>Folders searched (recursively) for run folders, comparison and benchmark outputs.</summary>
    public IReadOnlyList<string> Folders { get; init; } = ["runs"];

    /// <summary>The address to bind: loopback by default, so that nothing off this machine sees the results.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary>The port; 0 takes any free one (see <see cref="DashboardServer.Address"/>).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>The problems with these options (empty when they can be served): checked before anything listens.</summary>
    public IReadOnlyList<string> Problems()
    {
        var problems = new List<string>();
        if (Folders.Count == 0)
        {
            problems.Add("no folder to serve: name at least one (the default is runs/)");
        }

        problems.AddRange(Folders.Where(f => File.Exists(f)).Select(f => $"{Path.GetFullPath(f)} is a file; serve takes folders that hold run, comparison or benchmark folders"));
        if (Port is < 0 or > 65535)
        {
            problems.Add($"--port {Port} is not a port (0–65535; 0 takes any free one)");
        }

        if (string.IsNullOrWhiteSpace(Host) || (Host != "localhost" && !System.Net.IPAddress.TryParse(Host, out _)))
        {
            problems.Add($"--host '{Host}' is not an IP address (or localhost): e.g. 127.0.0.1 (the default), or 0.0.0.0 for every interface");
        }

        return problems;
    }

    /// <summary>Whether the address is reachable only from this machine.</summary>
    public bool IsLoopback => Host == "localhost" || (System.Net.IPAddress.TryParse(Host, out var address) && System.Net.IPAddress.IsLoopback(address));
}
