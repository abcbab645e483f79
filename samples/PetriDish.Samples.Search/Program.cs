// Runs a search from C#, then reads its evaluations back and compares the manifest's surrogates:
//   dotnet run --project samples/PetriDish.Samples.Search -- MANIFEST PLUGIN_FOLDER [RUN_FOLDER]
// e.g. MANIFEST = manifests/sigmoid-slope.json, PLUGIN_FOLDER = host/PetriDish.Cli/bin/Release/net10.0/plugins
using PetriDish.Core;
using PetriDish.Core.Progress;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: PetriDish.Samples.Search MANIFEST PLUGIN_FOLDER [RUN_FOLDER]");
    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancellation.Cancel(); };

var session = PetriDishSession.Create(pluginFolders: [args[1]]);
var manifest = session.LoadManifest(args[0]);
var search = session.Search(manifest).WithProgress(new ConsoleProgress());
var result = await (args.Length > 2 ? search.InFolder(args[2]) : search).RunAsync(cancellation.Token);
Console.WriteLine(result.Summary);

foreach (var evaluation in PetriDishSession.ReadEvaluations(result.Folder).OrderByDescending(e => e.Value).Take(3))
{
    Console.WriteLine($"{evaluation.Motif}: {evaluation.Value:F4} ({evaluation.Purpose})");
}

var comparison = await session.CompareAsync(manifest, seeds: 2, cancellationToken: cancellation.Token);
foreach (var surrogate in comparison.Surrogates)
{
    var tau = surrogate.Stat(s => s.KendallTau);
    Console.WriteLine($"{surrogate.Name}: Kendall tau {tau.Mean:F3} ± {tau.Std:F3} (population SD over {tau.Values.Count} seeds)");
}

return 0;

/// <summary>Progress as log lines (PetriDish.Core has no console of its own).</summary>
internal sealed class ConsoleProgress : IProgressSink
{
    public void Update(double fraction, string status)
    {
    }

    public void Line(string message) => Console.Error.WriteLine(message);
}
