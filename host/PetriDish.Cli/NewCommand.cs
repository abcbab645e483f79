using System.CommandLine;
using PetriDish.Abstractions;
using PetriDish.Core.Plugins;
using PetriDish.Core.Scaffolding;

namespace PetriDish.Cli;

/// <summary><c>petridish new</c>: scaffolds a plugin and its tests from the templates.</summary>
internal static class NewCommand
{
    public static Command Create(CommandRunner runner)
    {
        var kind = new Argument<string>("kind") { Description = "search-space, surrogate or optimizer (a plugin), or experiment (a starter manifest)." };
        var name = new Argument<string>("name") { Description = "A plugin: a C# identifier for its types and project (e.g. MyRanker). An experiment: the manifest's file name without .json." };
        var id = new Option<string?>("--id") { Description = "The plugin id manifests use (default: the name in kebab-case)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write it (default: ./<name> for a plugin, the current folder for an experiment)." };
        var force = new Option<bool>("--force") { Description = "Overwrite files in an existing folder." };
        var packageVersion = new Option<string?>("--package-version") { Description = "A plugin: reference the PetriDish.Abstractions and PetriDish.Sdk packages (and PetriDish.Kernels with --fast) at this version (default: this petridish's own)." };
        var grid = new Option<bool>("--grid") { Description = "A search space: a finite grid of parameter values (it lists its motifs, so evaluate --all and exhaustive random search work) instead of an interval." };
        var fast = new Option<bool>("--fast") { Description = "A search space: with a block kernel (PetriDish.Kernels), so that the Petri dish trains its motif-networks in managed code, and a test that holds the kernel to autograd (docs/plugin-authors.md)." };
        var command = new Command("new", "Scaffold a plugin (search-space, surrogate or optimizer) and its test project, ready to build, load and test; or (experiment) a starter manifest that runs as it is.")
        {
            kind, name, id, output, force, packageVersion, grid, fast,
        };
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (string?)null, async (context, token) =>
        {
            if (parse.GetValue(kind) == "experiment")
            {
                var paths = ExperimentScaffolder.Write(parse.GetValue(name)!, parse.GetValue(output), parse.GetValue(force), PluginScaffolder.TemplatesFolder);
                var manifest = Path.GetRelativePath(Environment.CurrentDirectory, paths[0]);
                await context.Out.WriteLineAsync($"created {string.Join(" and ", paths.Select(p => Path.GetRelativePath(Environment.CurrentDirectory, p)))}").ConfigureAwait(false);
                await context.Out.WriteLineAsync("next:").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"  petridish run {manifest}        # the search (~2 min on one core)").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"  petridish compare {manifest}    # the surrogates ranked against the known curve").ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var request = PluginScaffolder.Validate(parse.GetValue(kind)!, parse.GetValue(name)!, parse.GetValue(id), parse.GetValue(output), parse.GetValue(force), parse.GetValue(packageVersion), parse.GetValue(grid), parse.GetValue(fast));
            var files = PluginScaffolder.Render(request, PluginScaffolder.TemplatesFolder);
            var written = PluginScaffolder.Write(request, files);
            var project = PluginScaffolder.ProjectName(request);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, request.Output);
            await context.Out.WriteLineAsync($"created {PluginKinds.Name(request.Kind)} plugin '{request.Id}' in {request.Output} ({written.Count} files)").ConfigureAwait(false);
            if (request.PackageVersion == PluginScaffolder.OwnPackageVersion)
            {
                foreach (var warning in CachedContracts.StaleCopies(CachedContracts.GlobalPackagesFolder, request.PackageVersion))
                {
                    await context.Error.WriteLineAsync("warning: " + warning).ConfigureAwait(false);
                }
            }

            var build = Path.Combine(relative, "src", project, "bin", "Debug", "net10.0");
            await context.Out.WriteLineAsync($"next (PetriDish.Abstractions, PetriDish.Sdk{(request.Fast ? " and PetriDish.Kernels" : "")} {request.PackageVersion} must be on a package source; DIR is the folder `dotnet pack` wrote them to):").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"  dotnet build {Path.Combine(relative, "src", project)} -p:RestoreAdditionalProjectSources=DIR").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"  dotnet test {Path.Combine(relative, "tests", project + ".Tests")} -p:RestoreAdditionalProjectSources=DIR").ConfigureAwait(false);
            if (request.Kind == PluginKind.SearchSpace)
            {
                await context.Out.WriteLineAsync($"  petridish check {build}    # the contracts' rules, each named when broken").ConfigureAwait(false);
            }

            await context.Out.WriteLineAsync($"  petridish plugins --plugins {build}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
