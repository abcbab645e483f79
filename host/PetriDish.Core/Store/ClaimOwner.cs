using System.Diagnostics;
using System.Globalization;

namespace PetriDish.Core.Store;

/// <summary>
/// Who claimed an evaluation in a shared cache: a process on a host, started at a time (a reused
/// process id is a different owner). A claim of a process that no longer runs on this host is stale at
/// once; one from another host, whose processes cannot be seen, after <see cref="StaleAfter"/>.
/// </summary>
internal sealed record ClaimOwner(string Host, int ProcessId, string Started)
{
    /// <summary>How long a claim from another host is honoured.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(12);

    /// <summary>This process.</summary>
    public static ClaimOwner Current { get; } = new(Environment.MachineName, Environment.ProcessId, StartTimeOf(Environment.ProcessId) ?? "");

    /// <summary>Whether the claim this owner made at <paramref name="claimedAt"/> still stands.</summary>
    public bool Holds(DateTimeOffset claimedAt, DateTimeOffset now) =>
        Host == Environment.MachineName ? StartTimeOf(ProcessId) is { } started && SameInstant(started, Started) : now - claimedAt < StaleAfter;

    /// <summary>
    /// Whether two readings of a process's start time are the same start: each process derives it from
    /// the machine's boot time as it measures it, so two readings of one start differ by milliseconds,
    /// while the kernel reuses a process id only after cycling through the others, far later.
    /// </summary>
    private static bool SameInstant(string a, string b) =>
        DateTimeOffset.TryParse(a, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var first)
        && DateTimeOffset.TryParse(b, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var second)
        && (first - second).Duration() < TimeSpan.FromSeconds(1);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"process {ProcessId} on {Host}");

    private static string? StartTimeOf(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return process.StartTime.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null; // Not running (or not visible): its claims are stale.
        }
    }
}
