using System.Reflection;
using PetriDish.Core;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Architecture;

/// <summary>
/// The public surface of the libraries others compile against is the committed PublicAPI.Shipped.txt
/// (the build's analyzer checks every member; this checks the exported types from the built assemblies,
/// so a surface that grows in a build without the analyzer is caught too).
/// </summary>
public sealed class PublicApiTests
{
    public static TheoryData<string, string> Libraries() => new()
    {
        { "abstractions/PetriDish.Abstractions", typeof(PetriDish.Abstractions.IPlugin).Assembly.Location },
        { "abstractions/PetriDish.Sdk", typeof(PetriDish.Sdk.Seeds).Assembly.Location },
        { "abstractions/PetriDish.Kernels", typeof(PetriDish.Kernels.IBlockGradients).Assembly.Location },
        { "host/PetriDish.Core", typeof(PetriDishSession).Assembly.Location },
    };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void The_exported_types_are_the_types_of_the_committed_api_file(string project, string assemblyPath)
    {
        var declared = File.ReadLines(Path.Combine(RepoPaths.Root, project, "PublicAPI.Shipped.txt"))
            .Concat(File.ReadLines(Path.Combine(RepoPaths.Root, project, "PublicAPI.Unshipped.txt")))
            .Where(l => l.Length > 0 && !l.StartsWith('#') && !l.Contains("->", StringComparison.Ordinal) && !l.Contains('('))
            .Select(l => l.StartsWith("static ", StringComparison.Ordinal) ? l["static ".Length..] : l)
            .ToHashSet(StringComparer.Ordinal);

        var exported = Assembly.LoadFrom(assemblyPath).GetExportedTypes().Select(ApiName).ToHashSet(StringComparer.Ordinal);

        Assert.True(exported.SetEquals(declared),
            $"public but not in the API file: {string.Join(", ", exported.Except(declared))}; in the API file but not public: {string.Join(", ", declared.Except(exported))} (python3 scripts/update-public-api.py rewrites the file after a deliberate change)");
    }

    [Fact]
    public void Cores_public_surface_is_the_csharp_api_and_what_its_signatures_show()
    {
        var exported = typeof(PetriDishSession).Assembly.GetExportedTypes();

        // The engine's machinery stays internal: loading, validation, execution, stores, reports.
        Assert.DoesNotContain(exported, t => t.Namespace is "PetriDish.Core.Execution" or "PetriDish.Core.Evaluation" or "PetriDish.Core.Reports"
            or "PetriDish.Core.Scaffolding" or "PetriDish.Core.Benchmarking" or "PetriDish.Core.Ranking" or "PetriDish.Core.Torch");
        Assert.True(exported.Length <= 40, $"{exported.Length} public types: {string.Join(", ", exported.Select(t => t.Name))}");
    }

    private static string ApiName(Type type)
    {
        var name = (type.FullName ?? type.Name).Replace('+', '.');
        if (!type.IsGenericTypeDefinition)
        {
            return name;
        }

        var tick = name.IndexOf('`', StringComparison.Ordinal);
        return name[..tick] + "<" + string.Join(", ", type.GetGenericArguments().Select(a => a.Name)) + ">";
    }
}
