using System.CommandLine;
using PetriDish.Core;
using PetriDish.Core.Plugins;
using PetriDish.Core.Reports;

namespace PetriDish.Cli;

/// <summary><c>petridish plugins</c>: lists every discovered plugin and every plugin that failed to load.</summary>
internal static class PluginsCommand
{
    public static Command Create(CommandRunner runner)
    {
        var kind = new Option<string?>("--kind") { Description = "Only plugins of this kind: search-space, surrogate or optimizer." };
        var command = new Command("plugins", "List the plugins the host finds: id, kind, version and assembly path.") { kind };
        command.SetAction((parse, cancellationToken) => runner.RunAsync(parse, (string?)null, async (context, ct) =>
        {
            var filter = parse.GetValue(kind);
            if (filter is not null && !PluginKinds.TryParse(filter, out _))
            {
                throw new InvalidInputException($"unknown plugin kind '{filter}'; use search-space, surrogate or optimizer");
            }

            var rows = context.Catalog.Plugins
                .Where(p => filter is null || p.KindName.Equals(filter, StringComparison.OrdinalIgnoreCase))
                .Select(p => new[] { p.Entry.Id, p.KindName, p.Entry.Version.ToString(), p.AssemblyPath })
                .ToList();
            await context.Out.WriteAsync(TextTable.Render(["ID", "KIND", "VERSION", "ASSEMBLY"], rows)).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                await context.Out.WriteLineAsync("(no plugins found)").ConfigureAwait(false);
            }

            foreach (var failure in context.Catalog.Failures)
            {
                await context.Error.WriteLineAsync($"warning: {failure.Name} ({failure.Path}): {failure.Reason}").ConfigureAwait(false);
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }
}
