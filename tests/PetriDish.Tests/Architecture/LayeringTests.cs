using System.Text.RegularExpressions;
using PetriDish.Core;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Architecture;

/// <summary>The layering issue 17 asks for, checked on the assemblies and the sources.</summary>
public sealed partial class LayeringTests
{
    private static readonly string CoreSources = Path.Combine(RepoPaths.Root, "host", "PetriDish.Core");

    private static IEnumerable<string> CoreFiles() =>
        Directory.EnumerateFiles(CoreSources, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal) && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    [Fact]
    public void Core_references_no_command_line_or_console_library_and_no_plugin()
    {
        var references = typeof(PetriDishSession).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("PetriDish.Abstractions", references);
        Assert.DoesNotContain(references, r => r is "petridish" or "System.CommandLine" or "Spectre.Console" || r.StartsWith("PetriDish.Plugins.", StringComparison.Ordinal));
    }

    [Fact]
    public void Core_sources_use_neither_the_cli_nor_the_console()
    {
        var offending = CoreFiles()
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(CoreSources, f), Line: i + 1, Text: line)))
            .Where(l => l.Text.Contains("PetriDish.Cli", StringComparison.Ordinal) || ConsoleUse().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.True(offending.Count == 0, string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void Core_folders_import_each_other_without_cycles()
    {
        // Folder → the Core folders its files import (using PetriDish.Core.X).
        var edges = CoreFiles()
            .Select(f => (From: FolderOf(f), To: File.ReadLines(f).Select(l => CoreUsing().Match(l)).Where(m => m.Success).Select(m => m.Groups[1].Value)))
            .SelectMany(x => x.To.Select(to => (x.From, To: to)))
            .Where(e => e.From != e.To)
            .Distinct()
            .ToLookup(e => e.From, e => e.To);

        foreach (var start in edges.Select(g => g.Key))
        {
            var cycle = FindCycle(start, start, edges, [start]);
            Assert.True(cycle is null, $"Core folders import each other in a cycle: {string.Join(" → ", cycle ?? [])}");
        }
    }

    [Fact]
    public void The_cli_is_the_only_layer_with_a_console_and_no_layer_references_a_plugin()
    {
        foreach (var assembly in new[] { typeof(PetriDish.Abstractions.IPlugin).Assembly, typeof(PetriDish.Sdk.Seeds).Assembly, typeof(PetriDishSession).Assembly, typeof(PetriDish.Dashboard.DashboardServer).Assembly, typeof(PetriDish.Cli.ExitCodes).Assembly })
        {
            var references = assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();
            Assert.DoesNotContain(references, r => r.StartsWith("PetriDish.Plugins.", StringComparison.Ordinal));
            if (assembly.GetName().Name != "petridish")
            {
                Assert.DoesNotContain("Spectre.Console", references);
            }
        }
    }

    [Fact]
    public void The_dashboard_reads_through_the_engine_and_never_imports_the_command()
    {
        var references = typeof(PetriDish.Dashboard.DashboardServer).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("PetriDish.Core", references);
        Assert.DoesNotContain(references, r => r is "petridish" or "System.CommandLine");
    }

    [Fact]
    public void Plugins_reference_the_contracts_and_never_the_engine_or_the_command()
    {
        var pluginAssemblies = Directory.GetFiles(Path.Combine(RepoPaths.HostOutput, "plugins"), "PetriDish.Plugins.*.dll", SearchOption.AllDirectories)
            .Where(f => Path.GetFileNameWithoutExtension(f) == new DirectoryInfo(Path.GetDirectoryName(f)!).Name)
            .ToList();
        Assert.True(pluginAssemblies.Count >= 10, $"{pluginAssemblies.Count} plugin assemblies found in {RepoPaths.HostOutput}/plugins");
        foreach (var file in pluginAssemblies)
        {
            using var stream = File.OpenRead(file);
            using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
            var metadata = System.Reflection.Metadata.PEReaderExtensions.GetMetadataReader(pe);
            var references = metadata.AssemblyReferences.Select(h => metadata.GetString(metadata.GetAssemblyReference(h).Name)).ToList();
            Assert.Contains("PetriDish.Abstractions", references);
            Assert.DoesNotContain(references, r => r is "PetriDish.Core" or "petridish" || r.StartsWith("PetriDish.Plugins.", StringComparison.Ordinal));
        }
    }

    private static string FolderOf(string file)
    {
        var relative = Path.GetRelativePath(CoreSources, file);
        var separator = relative.IndexOf(Path.DirectorySeparatorChar, StringComparison.Ordinal);
        return separator < 0 ? "(root)" : relative[..separator];
    }

    private static List<string>? FindCycle(string start, string at, ILookup<string, string> edges, List<string> path)
    {
        foreach (var next in edges[at])
        {
            if (next == start)
            {
                return [.. path, next];
            }

            if (!path.Contains(next) && FindCycle(start, next, edges, [.. path, next]) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    [GeneratedRegex(@"^using PetriDish\.Core\.(\w+);")]
    private static partial Regex CoreUsing();

    [GeneratedRegex(@"\bConsole\.|System\.Console\b|AnsiConsole")]
    private static partial Regex ConsoleUse();
}
