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
    public static bool DeclaresPlugin(string assemblyPath)
    {
        try
        {
            using var stream = File.OpenRead(assemblyPath);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return false;
            }

            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.GetAssemblyDefinition().GetCustomAttributes())
            {
                if (IsPluginAttribute(metadata, metadata.GetCustomAttribute(handle)))
                {
                    return true;
                }
            }

            return false;
        }
        catch (BadImageFormatException)
        {
            return false;
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
