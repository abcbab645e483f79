using System.Reflection;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Logging;
using PetriDish.Abstractions;
using PetriDish.Sdk;
using TorchSharp;

namespace PetriDish.Core.Plugins;

/// <summary>
/// Loads one plugin assembly into its own load context. The only place that knows McMaster.NETCore.Plugins.
/// </summary>
/// <remarks>
/// The contracts, the SDK (PetriDish.Sdk), TorchSharp and the logging abstractions are shared with the host, so that
/// plugin and host exchange the same types and native libtorch is mapped once per process. Everything
/// else a plugin ships stays private to its context.
/// </remarks>
internal static class PluginAssemblyLoader
{
    private static readonly Type[] SharedTypes =
    [
        typeof(IPlugin),
        typeof(torch),
        typeof(ILogger),
        typeof(HeldScalars),
    ];

    public static Assembly Load(string assemblyPath)
    {
        var loader = PluginLoader.CreateFromAssemblyFile(
            Path.GetFullPath(assemblyPath),
            SharedTypes,
            config => config.PreferSharedTypes = true);
        return loader.LoadDefaultAssembly();
    }
}
