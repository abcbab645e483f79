using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Core.Scaffolding;

/// <summary>
/// The packed-version trap: NuGet's global cache keeps the first package it extracted under a version,
/// so after the contracts change and are packed again under the same version, a scaffold silently
/// builds against the old ones. Detected by comparing the cached assemblies with this petridish's own.
/// </summary>
internal static class CachedContracts
{
    /// <summary>NuGet's global packages folder: <c>$NUGET_PACKAGES</c>, or <c>~/.nuget/packages</c>.</summary>
    public static string GlobalPackagesFolder =>
        Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");

    /// <summary>
    /// A warning for each contracts package that <paramref name="packagesFolder"/> holds at
    /// <paramref name="version"/> as a different build from the one this petridish runs; empty when
    /// they are the same or not cached yet.
    /// </summary>
    public static IReadOnlyList<string> StaleCopies(string packagesFolder, string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var warnings = new List<string>();
        foreach (var own in new[] { typeof(IMotif).Assembly.Location, typeof(MotifSampler).Assembly.Location })
        {
            var name = Path.GetFileNameWithoutExtension(own);
            var cached = Path.Combine(packagesFolder, name.ToLowerInvariant(), version.ToLowerInvariant(), "lib", "net10.0", name + ".dll");
            if (own.Length > 0 && File.Exists(cached) && ModuleVersionId(cached) != ModuleVersionId(own))
            {
                warnings.Add($"NuGet's cache holds a different build of {name} {version} ({Path.GetDirectoryName(cached)}) than this petridish; "
                    + "the scaffold will build against that one. Remove that folder (or run `dotnet nuget locals global-packages --clear`), "
                    + "or pack with a new version (dotnet pack -p:Version=…) and pass it as --package-version");
            }
        }

        return warnings;
    }

    // Builds are deterministic: the module version id changes exactly when the assembly's content does.
    private static Guid ModuleVersionId(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var metadata = reader.GetMetadataReader();
        return metadata.GetGuid(metadata.GetModuleDefinition().Mvid);
    }
}
