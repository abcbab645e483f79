using System.CommandLine;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Abstractions;
using PetriDish.Core;
using PetriDish.Core.Conformance;
using PetriDish.Core.Reports;

namespace PetriDish.Cli;

/// <summary>
/// <c>petridish check</c>: loads the plugins of a folder and checks each search space against the
/// rules of the contracts (keys, samples, mutations, encodings, token forms, motif-network shapes and
/// gradients, block kernels); one line per plugin and rule, exit code 1 when a rule is broken.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CommandRunner runner)
    {
        var folder = new Argument<string>("PLUGIN_FOLDER") { Description = "The plugin's build output (the folder holding its assembly), or a folder of plugin folders." };
        var space = new Option<string?>("--space") { Description = "Check only this search-space plugin (default: every search space in the folder)." };
        var settings = new Option<string?>("--settings") { Description = "The search space's settings as in a manifest, a JSON object (default: its defaults)." };
        var seed = new Option<int>("--seed") { Description = "Seed of the motifs and tensors the rules draw.", DefaultValueFactory = _ => 0 };
        var command = new Command("check", "Check a plugin folder's search spaces against the contracts' rules, naming the plugin and the rule that fails.") { folder, space, settings, seed };
        command.SetAction((parse, cancellationToken) =>
        {
            var path = Path.GetFullPath(parse.GetValue(folder)!);
            return runner.RunAsync(parse, () => Directory.Exists(path) ? [path] : throw new InvalidInputException($"plugin folder not found: {path}"), async (context, ct) =>
            {
                var settingsObject = ParseSettings(parse.GetValue(settings));
                var inFolder = context.Catalog.Plugins.Where(p => IsUnder(p.AssemblyPath, path)).ToList();
                var wanted = parse.GetValue(space);
                var targets = inFolder.Where(p => p.Entry.Kind == PluginKind.SearchSpace && (wanted is null || p.Entry.Id == wanted)).ToList();
                foreach (var failure in context.Catalog.Failures.Where(f => IsUnder(f.Path, path)))
                {
                    await context.Error.WriteLineAsync($"check: {failure.Name} ({failure.Path}) did not load: {failure.Reason}").ConfigureAwait(false);
                }

                if (targets.Count == 0)
                {
                    var found = inFolder.Count == 0 ? "no plugins" : "only " + string.Join(", ", inFolder.Select(p => $"{p.Entry.Id} ({p.KindName})"));
                    throw new InvalidInputException(wanted is null
                        ? $"no search-space plugin in {path} ({found})"
                        : $"no search-space plugin '{wanted}' in {path} ({found})");
                }

                foreach (var other in inFolder.Where(p => p.Entry.Kind != PluginKind.SearchSpace))
                {
                    await context.Error.WriteLineAsync($"check: {other.Entry.Id} ({other.KindName}) not checked: the rules cover search spaces; a {other.KindName} is exercised by compare and run").ConfigureAwait(false);
                }

                var results = new List<Sdk.Conformance.ConformanceResult>();
                foreach (var target in targets)
                {
                    ct.ThrowIfCancellationRequested();
                    await context.Error.WriteLineAsync($"check: {target.Entry.Id} ({target.AssemblyPath})").ConfigureAwait(false);
                    results.AddRange(PluginConformance.CheckSearchSpace(context.ManifestLoader, target, settingsObject, Environment.CurrentDirectory, parse.GetValue(seed)));
                }

                var rows = results.Select(r => new[] { r.Passed ? "pass" : "FAIL", r.Plugin, r.Rule, r.Detail }).ToList();
                await context.Out.WriteAsync(TextTable.Render(["RESULT", "PLUGIN", "RULE", "DETAIL"], rows)).ConfigureAwait(false);
                var failed = results.Count(r => !r.Passed);
                await context.Out.WriteLineAsync($"{results.Count - failed} rules kept, {failed} broken ({targets.Count} search space{(targets.Count == 1 ? "" : "s")})").ConfigureAwait(false);
                return failed == 0 ? ExitCodes.Success : ExitCodes.RuntimeFailure;
            }, cancellationToken);
        });
        return command;
    }

    private static JObject? ParseSettings(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JObject.Parse(json);
        }
        catch (JsonReaderException ex)
        {
            throw new InvalidInputException($"--settings is not a JSON object: {ex.Message}");
        }
    }

    private static bool IsUnder(string file, string folder) =>
        Path.GetFullPath(file).StartsWith(folder.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
