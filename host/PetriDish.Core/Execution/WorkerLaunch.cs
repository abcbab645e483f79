using System.Globalization;
using PetriDish.Core.Evaluation;

namespace PetriDish.Core.Execution;

/// <summary>
/// The command that evaluates one motif out of this process: <c>petridish evaluate</c> in worker mode,
/// on the run's stored manifest (relative paths resolved against the original manifest's folder),
/// with the same plugin folders, writing its result to a file.
/// </summary>
/// <param name="ManifestCopy">The run's copy of the manifest (exactly what the run uses).</param>
/// <param name="BaseDirectory">The folder the manifest's relative paths refer to.</param>
/// <param name="PluginFolders">Plugin folders beyond the host's own.</param>
/// <param name="JobsFolder">Where job scripts, logs and result files go.</param>
internal sealed record WorkerLaunch(string ManifestCopy, string BaseDirectory, IReadOnlyList<string> PluginFolders, string JobsFolder)
{
    /// <summary>The .NET launcher; workers run the host's own assembly with it.</summary>
    public static string DotnetExecutable => "dotnet";

    /// <summary>The host assembly workers run (the one this process runs).</summary>
    public static string HostAssembly => Path.Combine(Path.GetDirectoryName(typeof(WorkerLaunch).Assembly.Location)!, "petridish.dll");

    /// <summary>A file-system-safe, unique-per-attempt name for a request's job files.</summary>
    public static string JobName(EvaluationRequest request, int attempt)
    {
        ArgumentNullException.ThrowIfNull(request);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{request.Motif.Key}|{request.Fidelity}|{request.Seed}")))[..12];
        return string.Create(CultureInfo.InvariantCulture, $"eval-{hash}-a{attempt}");
    }

    public string ResultPath(string jobName) => Path.Combine(JobsFolder, jobName + ".json");

    public string LogPath(string jobName) => Path.Combine(JobsFolder, jobName + ".log");

    /// <summary>Arguments after the .NET launcher: the host assembly, plugin folders, and the worker-mode evaluate.</summary>
    public IReadOnlyList<string> Arguments(EvaluationRequest request, string resultPath)
    {
        ArgumentNullException.ThrowIfNull(request);
        var arguments = new List<string> { HostAssembly };
        foreach (var folder in PluginFolders)
        {
            arguments.AddRange(["--plugins", folder]);
        }

        arguments.AddRange(["evaluate", ManifestCopy, "--base-directory", BaseDirectory, "--motif", request.Motif.Key, "--seed", request.Seed.ToString(CultureInfo.InvariantCulture), "--result", resultPath]);
        if (request.Fidelity.Epochs is { } epochs)
        {
            arguments.AddRange(["--epochs", epochs.ToString("R", CultureInfo.InvariantCulture)]);
        }

        if (request.Fidelity.DataFraction < 1)
        {
            arguments.AddRange(["--data-fraction", request.Fidelity.DataFraction.ToString("R", CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }
}
