using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PetriDish.Core.Plugins;

/// <summary>
/// Finds plugin assemblies without loading them: a plugin assembly is the main assembly of a build
/// output (it has a <c>.deps.json</c> beside it) that carries a <c>[PetriDishPlugin]</c> attribute.
/// </summary>
public static class PluginDiscovery
{
    private const string AttributeNamespace = "PetriDish.Abstractions";
    private const string AttributeName = "PetriDishPluginAttribute";

    /// <summary>
    /// Plugin assemblies in <paramref name="folder"/> itself (a plugin's build output) or in its
    /// immediate subfolders (a folder of plugins, like the host's <c>plugins/</c>).
    /// </summary>
    public static IReadOnlyList<string> FindAssemblies(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var own = MainAssembliesIn(root);
        if (own.Count > 0)
        {
            return own;
        }

        return [.. Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal).SelectMany(MainAssembliesIn)];
    }

    /// <summary>True if the file is a .NET assembly declaring at least one PetriDish plugin.</summary>
    public static bool DeclaresPlugin(string assemblyPath) => Inspect(assemblyPath) == FileKind.PluginAssembly;

    /// <summary>
    /// Files in the folders <see cref="FindAssemblies"/> looks at that look like (parts of) a plugin but
    /// cannot be loaded, each with why: a <c>.dll</c> that is not a readable executable (damaged,
    /// truncated, not a library at all), a plugin assembly without its <c>.deps.json</c>, and a
    /// <c>.deps.json</c> without its assembly.
    /// </summary>
    public static IReadOnlyList<PluginLoadFailure> FindUnloadable(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            return [];
        }

        var failures = new List<PluginLoadFailure>();
        foreach (var directory in Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal).Prepend(root))
        {
            foreach (var deps in Directory.EnumerateFiles(directory, "*.deps.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(deps)[..^".deps.json".Length];
                if (!File.Exists(Path.Combine(directory, name + ".dll")))
                {
                    failures.Add(new PluginLoadFailure(name, deps, $"{name}.deps.json has no {name}.dll beside it; copy the plugin's whole build output"));
                }
            }

            foreach (var dll in Directory.EnumerateFiles(directory, "*.dll").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileNameWithoutExtension(dll);
                var hasDeps = File.Exists(Path.Combine(directory, name + ".deps.json"));
                switch (Inspect(dll))
                {
                    case FileKind.Unreadable:
                        failures.Add(new PluginLoadFailure(name, dll, "not a readable .NET assembly or library (damaged, truncated, or not a library at all); rebuild or copy it again"));
                        break;
                    case FileKind.PluginAssembly when !hasDeps:
                        failures.Add(new PluginLoadFailure(name, dll, $"declares PetriDish plugins but has no {name}.deps.json beside it, so its dependencies cannot be resolved; copy the plugin's whole build output (bin/<configuration>/net10.0), not the dll alone"));
                        break;
                    default:
                        break;
                }
            }
        }

        return failures;
    }

    private enum FileKind
    {
        Unreadable,
        NotAssembly,
        Assembly,
        PluginAssembly,
    }

    private static FileKind Inspect(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return FileKind.NotAssembly; // A native library: someone's dependency, not ours to judge.
            }

            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                if (IsPluginAttribute(metadata, metadata.GetCustomAttribute(handle)))
                {
                    return FileKind.PluginAssembly;
                }
            }

            return FileKind.Assembly;
        }
        catch (BadImageFormatException)
        {
            return FileKind.Unreadable;
        }
        catch (InvalidOperationException)
        {
            return FileKind.Unreadable; // No metadata where the headers promise some.
        }
    }

    private static List<string> MainAssembliesIn(string folder) =>
    [
        .. Directory.EnumerateFiles(folder, "*.deps.json")
            .Select(deps => Path.Combine(folder, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
            .Where(File.Exists)
            .Where(DeclaresPlugin)
            .Order(StringComparer.Ordinal),
    ];

    private static bool IsPluginAttribute(MetadataReader metadata, CustomAttribute attribute)
    {
        EntityHandle type;
        if (attribute.Constructor.Kind == HandleKind.MemberReference)
        {
            type = metadata.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent;
        }
        else
        {
            return false; // A definition in the plugin's own assembly cannot be the contract's attribute.
        }

        if (type.Kind != HandleKind.TypeReference)
        {
            return false;
        }

        var reference = metadata.GetTypeReference((TypeReferenceHandle)type);
        return metadata.StringComparer.Equals(reference.Name, AttributeName)
            && metadata.StringComparer.Equals(reference.Namespace, AttributeNamespace);
    }
}
