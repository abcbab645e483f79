using System.CommandLine;
using PetriDish.Core.Benchmarking;
using PetriDish.Core.Manifest;

namespace PetriDish.Cli;

/// <summary><c>petridish validate</c>: checks a manifest and its plugins' settings without running anything.</summary>
internal static class ValidateCommand
{
    public static Command Create(CommandRunner runner)
    {
        var manifest = new Argument<string>("manifest") { Description = "The experiment manifest (JSON)." };
        var command = new Command("validate", "Check a manifest: its frame, every plugin id, every plugin's settings. Reports all problems at once.") { manifest };
        command.SetAction((parse, cancellationToken) =>
        {
            var path = parse.GetValue(manifest)!;
            return runner.RunAsync(parse, path, async (context, ct) =>
            {
                // A benchmark's arms are manifests of their own: validate refuses what benchmark would,
                // with the manifest's own problems in the same report.
                var source = runner.Manifest(path);
                var benchmark = BenchmarkPlan.Declared(source) ? BenchmarkPlan.Load(context.ManifestLoader, source, reads: ManifestReads.All) : null;
                var validated = benchmark?.Manifest ?? context.LoadManifest(path);
                var surrogates = validated.Surrogates.Count == 0 ? "none" : string.Join(", ", validated.Surrogates.Select(s => s.Name == s.Entry.Id ? s.Name : $"{s.Name} ({s.Entry.Id})"));
                await context.Out.WriteLineAsync($"{path}: valid").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"  search space: {validated.SearchSpace.Entry.Id} — {validated.SearchSpaceInstance.Description}").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"  ground truth: {validated.SearchSpaceInstance.GroundTruth.Metric.Name} ({validated.SearchSpaceInstance.GroundTruth.Metric.Goal.ToString().ToLowerInvariant()})").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"  surrogates:   {surrogates}").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"  optimizer:    {validated.Optimizer?.Entry.Id ?? "none"}").ConfigureAwait(false);
                await context.Out.WriteLineAsync($"  device:       {validated.Device}").ConfigureAwait(false);
                if (benchmark is not null)
                {
                    await context.Out.WriteLineAsync($"  benchmark:    {benchmark.Arms.Count} arms × {benchmark.Seeds} seeds ({string.Join(", ", benchmark.Arms.Select(a => a.Name))}); reference {benchmark.ReferenceArm}").ConfigureAwait(false);
                }
                return ExitCodes.Success;
            }, cancellationToken);
        });
        return command;
    }
}
