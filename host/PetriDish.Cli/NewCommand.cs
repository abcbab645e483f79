using System.CommandLine;
using PetriDish.Core.Plugins;
using PetriDish.Core.Scaffolding;

namespace PetriDish.Cli;

/// <summary><c>petridish new</c>: scaffolds a plugin and its tests from the templates.</summary>
internal static class NewCommand
{
    public static Command Create(CommandRunner runner)
    {
        var kind = new Argument<string>("kind") { Description = "search-space, surrogate or optimizer." };
        var name = new Argument<string>("name") { Description = "A C# identifier for its types and project (e.g. MyRanker)." };
        var id = new Option<string?>("--id") { Description = "The plugin id manifests use (default: the name in kebab-case)." };
        var output = new Option<string?>("--output", "-o") { Description = "Where to write it (default: ./<name>)." };
        var force = new Option<bool>("--force") { Description = "Overwrite files in an existing folder." };
        var command = new Command("new", "Scaffold a plugin (search-space, surrogate or optimizer) and its test project, ready to build, load and test.")
        {
            kind, name, id, output, force,
        };
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (string?)null, async (context, token) =>
        {
            var request = PluginScaffolder.Validate(parse.GetValue(kind)!, parse.GetValue(name)!, parse.GetValue(id), parse.GetValue(output), parse.GetValue(force));
            var files = PluginScaffolder.Render(request, PluginScaffolder.TemplatesFolder);
            var written = PluginScaffolder.Write(request, files);
            var project = PluginScaffolder.ProjectName(request);
            var relative = Path.GetRelativePath(Environment.CurrentDirectory, request.Output);
            await context.Out.WriteLineAsync($"created {PluginKinds.Name(request.Kind)} plugin '{request.Id}' in {request.Output} ({written.Count} files)").ConfigureAwait(false);
            await context.Out.WriteLineAsync("next:").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"  dotnet build {Path.Combine(relative, "src", project)}").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"  dotnet test {Path.Combine(relative, "tests", project + ".Tests")}").ConfigureAwait(false);
            await context.Out.WriteLineAsync($"  petridish plugins --plugins {Path.Combine(relative, "src", project, "bin", "Debug", "net10.0")}").ConfigureAwait(false);
            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
