using System.Reflection;
using System.Text.RegularExpressions;
using PetriDish.Abstractions;

namespace PetriDish.Core.Plugins;

/// <summary>
/// Discovers and loads plugins from folders. A broken plugin (missing dependency, other contract
/// version, failing constructor, duplicate id) is recorded with its reason; the others still load.
/// </summary>
internal static partial class PluginCatalogLoader
{
    /// <summary>The host's own plugins folder (<c>plugins/</c> beside the executable).</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "plugins");

    /// <summary>Loads every plugin found in <paramref name="folders"/>, in order; duplicates of an assembly path are loaded once.</summary>
    public static PluginCatalog Load(IEnumerable<string> folders)
    {
        var loaded = new List<LoadedPlugin>();
        var failures = new List<PluginLoadFailure>();
        var seenAssemblies = new HashSet<string>(StringComparer.Ordinal);
        var seenIds = new Dictionary<string, LoadedPlugin>(StringComparer.Ordinal);

        foreach (var folder in folders)
        {
            if (!Directory.Exists(folder))
            {
                failures.Add(new PluginLoadFailure(Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), Path.GetFullPath(folder), "plugin folder does not exist"));
                continue;
            }

            var scan = PluginDiscovery.Scan(folder);
            failures.AddRange(scan.Unloadable);
            foreach (var assemblyPath in scan.Assemblies)
            {
                if (!seenAssemblies.Add(assemblyPath))
                {
                    continue;
                }

                foreach (var outcome in LoadAssembly(assemblyPath))
                {
                    if (outcome.Failure is { } failure)
                    {
                        failures.Add(failure);
                    }
                    else if (seenIds.TryGetValue(outcome.Plugin!.Entry.Id, out var first))
                    {
                        failures.Add(new PluginLoadFailure(
                            Path.GetFileNameWithoutExtension(assemblyPath),
                            assemblyPath,
                            $"plugin id '{outcome.Plugin.Entry.Id}' is already provided by {first.AssemblyPath}; this one is ignored"));
                    }
                    else
                    {
                        seenIds.Add(outcome.Plugin.Entry.Id, outcome.Plugin);
                        loaded.Add(outcome.Plugin);
                    }
                }
            }
        }

        return new PluginCatalog(
            [.. loaded.OrderBy(p => p.Entry.Kind).ThenBy(p => p.Entry.Id, StringComparer.Ordinal)],
            failures);
    }

    private static List<(LoadedPlugin? Plugin, PluginLoadFailure? Failure)> LoadAssembly(string assemblyPath)
    {
        var name = Path.GetFileNameWithoutExtension(assemblyPath);
        PluginLoadFailure Fail(string reason) => new(name, assemblyPath, reason);

        Assembly assembly;
        List<PetriDishPluginAttribute> declarations;
        try
        {
            assembly = PluginAssemblyLoader.Load(assemblyPath);
            declarations = [.. assembly.GetCustomAttributes<PetriDishPluginAttribute>()];
        }
        catch (Exception ex) when (ex is IOException or BadImageFormatException or TypeLoadException or InvalidOperationException)
        {
            return [(null, Fail(Describe(ex)))];
        }

        var outcomes = new List<(LoadedPlugin?, PluginLoadFailure?)>();
        foreach (var declaration in declarations)
        {
            if (declaration.ContractVersion != PluginContract.Version)
            {
                outcomes.Add((null, Fail(
                    $"built against plugin contract version {declaration.ContractVersion}, but this host provides version {PluginContract.Version}; rebuild the plugin against this PetriDish.Abstractions")));
                continue;
            }

            try
            {
                outcomes.Add((new LoadedPlugin(CreateEntry(declaration.EntryType), assemblyPath), null));
            }
            catch (Exception ex) when (ex is IOException or TypeLoadException or MissingMethodException or InvalidOperationException or TargetInvocationException)
            {
                // Named by its entry type: other entries of the same assembly may have loaded.
                outcomes.Add((null, Fail($"plugin entry {declaration.EntryType.FullName} could not be created: {Describe(ex)}")));
            }
        }

        return outcomes;
    }

    private static IPlugin CreateEntry(Type entryType)
    {
        if (!typeof(IPlugin).IsAssignableFrom(entryType))
        {
            throw new InvalidOperationException($"entry type {entryType.FullName} does not implement {nameof(IPlugin)}");
        }

        if (!typeof(ISearchSpacePlugin).IsAssignableFrom(entryType)
            && !typeof(ISurrogatePlugin).IsAssignableFrom(entryType)
            && !typeof(IOptimizerPlugin).IsAssignableFrom(entryType))
        {
            throw new InvalidOperationException($"entry type {entryType.FullName} is not a search-space, surrogate or optimizer plugin");
        }

        var entry = (IPlugin)(Activator.CreateInstance(entryType)
            ?? throw new InvalidOperationException($"could not create {entryType.FullName}"));
        if (!KebabCase().IsMatch(entry.Id))
        {
            throw new InvalidOperationException($"plugin id '{entry.Id}' of {entryType.FullName} is not kebab-case (e.g. 'my-plugin')");
        }

        return entry;
    }

    private static string Describe(Exception ex)
    {
        var root = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
        return root switch
        {
            FileNotFoundException notFound when notFound.FileName is { } file => $"missing dependency '{file}'",
            FileLoadException load when load.FileName is { } file => $"dependency '{file}' could not be loaded: {load.Message}",
            ReflectionTypeLoadException typeLoad => string.Join("; ", typeLoad.LoaderExceptions.Select(e => e?.Message).Distinct()),
            _ => root.Message,
        };
    }

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KebabCase();
}
