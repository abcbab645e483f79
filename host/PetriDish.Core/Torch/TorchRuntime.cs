using System.Text.RegularExpressions;
using TorchSharp;

namespace PetriDish.Core.Torch;

/// <summary>Process-wide torch set-up: threads and device choice.</summary>
internal static partial class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static int? _threads;

    /// <summary>
    /// Must run before libtorch is first touched: without it OpenMP worker threads spin-wait, which on a
    /// two-core machine stalls the other process or thread.
    /// </summary>
    public static void PrepareEnvironment()
    {
        if (Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") is null)
        {
            Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", "PASSIVE");
        }
    }

    /// <summary>Sets the number of intra-op threads (one by default: faster on small tensors here, and two can stall).</summary>
    public static void SetThreads(int threads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        lock (Gate)
        {
            if (_threads != threads)
            {
                torch.set_num_threads(threads);
                _threads = threads;
            }
        }
    }

    /// <summary>
    /// Resolves <c>auto</c>, <c>cpu</c>, <c>cuda</c> or <c>cuda:N</c> to a device; an error message
    /// when the request cannot be met (e.g. CUDA asked for on a machine or build without it).
    /// </summary>
    public static (torch.Device? Device, string? Error) ResolveDevice(string spec)
    {
        var match = DeviceSpec().Match(spec ?? "");
        if (!match.Success)
        {
            return (null, $"unknown device '{spec}'; use auto, cpu, cuda or cuda:N");
        }

        var kind = match.Groups["kind"].Value;
        if (kind == "cpu")
        {
            return (torch.CPU, null);
        }

        var available = torch.cuda.is_available();
        if (kind == "auto")
        {
            return (available ? torch.CUDA : torch.CPU, null);
        }

        if (!available)
        {
            return (null, $"device '{spec}' was requested, but CUDA is not available (this build carries the {BuildBackend} libtorch; on a GPU machine build with -p:TorchBackend=cuda)");
        }

        var index = match.Groups["index"].Success ? int.Parse(match.Groups["index"].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var count = torch.cuda.device_count();
        return index < count
            ? (new torch.Device(DeviceType.CUDA, index), null)
            : (null, $"device '{spec}' was requested, but only {count} CUDA device{(count == 1 ? " is" : "s are")} present");
    }

    private static string BuildBackend => torch.cuda.is_available() ? "cuda" : "cpu";

    [GeneratedRegex("^(?<kind>auto|cpu|cuda)(:(?<index>[0-9]+))?$")]
    private static partial Regex DeviceSpec();
}
