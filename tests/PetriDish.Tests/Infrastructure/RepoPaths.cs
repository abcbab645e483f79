using System.Reflection;

namespace PetriDish.Tests.Infrastructure;

/// <summary>Where the repository and its build outputs are, as seen from the test binary.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: the configuration these tests were built in (and so were the host and plugins).</summary>
    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string HostOutput => Path.Combine(Root, "host", "PetriDish.Cli", "bin", Configuration, "net10.0");

    public static string HostDll => Path.Combine(HostOutput, "petridish.dll");

    public static string HostPlugins => Path.Combine(HostOutput, "plugins");

    public static string TestPlugins => Path.Combine(Root, "artifacts", "test-plugins");

    /// <summary>Search spaces that each break one rule of the contracts (tests/PetriDish.TestPlugins.Broken).</summary>
    public static string BrokenPlugins => Path.Combine(Root, "artifacts", "broken-plugins");

    public static string Manifests => Path.Combine(Root, "manifests");

    /// <summary>19 NAS-Bench-NLP training logs as a folder (see tests/data/nas-bench-nlp/README.md).</summary>
    public static string NasBenchNlpSample => Path.Combine(Root, "tests", "data", "nas-bench-nlp", "sample");

    /// <summary>The same logs in a zip, under a logs/ folder.</summary>
    public static string NasBenchNlpSampleZip => Path.Combine(Root, "tests", "data", "nas-bench-nlp", "sample.zip");
    public static string NasBench201Table => Path.Combine(Root, "plugins", "PetriDish.Plugins.SearchSpace.NasBench201", "Data", "cifar10-valid.csv");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "PetriDish.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("PetriDish.sln not found above " + AppContext.BaseDirectory);
    }
}
