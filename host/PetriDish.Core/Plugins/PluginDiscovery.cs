using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace PetriDish.Core.Plugins;

/// <summary>
/// Finds plugin assemblies without loading them: a plugin assembly is the main assembly of a build
/// output (it has a <c>.deps.json</c> beside it) that carries a <c>[PetriDishPlugin]</c> attribute.
/// </summary>
internal static class PluginDiscovery
{
    private const string AttributeNamespace = "PetriDish.Abstractions";
    private const string AttributeName = "PetriDishPluginAttribute";

    /// <summary>
    /// One pass over a plugin folder, each <c>.dll</c> read once. Plugin assemblies are looked for in
    /// <paramref name="folder"/> itself (a plugin's build output) or, if it has none, in its immediate
    /// subfolders (a folder of plugins, like the host's <c>plugins/</c>). In both, files that look like
    /// (parts of) a plugin but cannot be loaded are reported with why: a <c>.dll</c> that is not a
    /// readable executable (damaged, truncated, not a library at all), a plugin assembly without its
    /// <c>.deps.json</c>, and a <c>.deps.json</c> without its assembly.
    /// </summary>
    public static PluginFolderScan Scan(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root))
        {
            return new PluginFolderScan([], []);
        }

        var folders = Directory.EnumerateDirectories(root).Order(StringComparer.Ordinal).Prepend(root).ToList();
        var kinds = folders.SelectMany(d => Directory.EnumerateFiles(d, "*.dll")).ToDictionary(p => p, Inspect, StringComparer.Ordinal);
        var own = MainAssembliesIn(root, kinds);
        return new PluginFolderScan(
            own.Count > 0 ? own : [.. folders.Skip(1).SelectMany(d => MainAssembliesIn(d, kinds))],
            [.. folders.SelectMany(d => UnloadableIn(d, kinds))]);
    }

    private static IEnumerable<PluginLoadFailure> UnloadableIn(string directory, Dictionary<string, FileKind> kinds)
    {
        foreach (var deps in Directory.EnumerateFiles(directory, "*.deps.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(deps)[..^".deps.json".Length];
            if (!kinds.ContainsKey(Path.Combine(directory, name + ".dll")))
            {
                yield return new PluginLoadFailure(name, deps, $"{name}.deps.json has no {name}.dll beside it; copy the plugin's whole build output");
            }
        }

        foreach (var (dll, kind) in kinds.Where(k => Path.GetDirectoryName(k.Key) == directory).OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(dll);
            if (kind == FileKind.Unreadable)
            {
                yield return new PluginLoadFailure(name, dll, "not a readable .NET assembly or library (damaged, truncated, or not a library at all); rebuild or copy it again");
            }
            else if (kind == FileKind.PluginAssembly && !File.Exists(Path.Combine(directory, name + ".deps.json")))
            {
                yield return new PluginLoadFailure(name, dll, $"declares PetriDish plugins but has no {name}.deps.json beside it, so its dependencies cannot be resolved; copy the plugin's whole build output (bin/<configuration>/net10.0), not the dll alone");
            }
        }
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

    private static List<string> MainAssembliesIn(string folder, Dictionary<string, FileKind> kinds) =>
    [
        .. Directory.EnumerateFiles(folder, "*.deps.json")
            .Select(deps => Path.Combine(folder, Path.GetFileName(deps)[..^".deps.json".Length] + ".dll"))
            .Where(dll => kinds.GetValueOrDefault(dll, FileKind.NotAssembly) == FileKind.PluginAssembly)
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
