using PetriDish.Cli;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Activation;

/// <summary>A Petri-dish-screened search over composed activations on the embedded data, with functions that blow up.</summary>
public sealed class ExpressionSearchTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    [Trait("Category", "Slow")]
    public async Task A_search_stores_a_diverging_function_as_failed_with_its_reason_and_goes_on_to_its_budget()
    {
        // A small real recipe (the embedded MNIST subset, 600 images) with a learning rate at which
        // exp·exp overflows at once; the dish trains briefly. Two of the warm-up functions diverge.
        var manifest = _temp.Write("expressions.json", """
            {
              "name": "expressions",
              "seed": 3,
              "device": "cpu",
              "searchSpace": { "plugin": "activation-expression", "settings": {
                "groundTruth": { "trainCount": 600, "validationCount": 300, "hiddenSizes": [100, 100], "epochs": 1, "batchSize": 64, "learningRate": 0.01, "repeats": 1 } } },
              "surrogates": [ { "plugin": "petri-dish", "settings": { "innerSteps": 20, "outerSchedule": [ { "steps": 4, "learningRate": 0.05 } ] } } ],
              "optimizer": { "plugin": "random-search" },
              "search": {
                "warmupMotifs": ["expr:max(id,zero)", "expr:mul(exp,exp)", "expr:mul(id,sigmoid)", "expr:div(sinh,min0)", "expr:add(tanh,zero)"],
                "warmup": 5, "candidates": 60, "evaluationsPerIteration": 2, "surrogate": "petri-dish", "retries": 0,
                "budget": { "evaluations": 9 }
              }
            }
            """);

        var result = await InProcessCli.RunAsync(["--plugins", RepoPaths.HostPlugins, "run", manifest, "--out", _temp.File("run")]);

        Assert.True(result.ExitCode == ExitCodes.Success, result.ToString());
        var records = RunFolders.Evaluations(_temp.File("run"));
        Assert.Equal(9, records.Count);
        var failed = records.Where(r => r.Status == EvaluationStatus.Failed).ToList();
        Assert.Contains(failed, r => r.Motif == "expr:mul(exp,exp)");
        Assert.All(failed, r => Assert.Contains("TrainingDivergedException", r.Error, StringComparison.Ordinal));
        // The three well-behaved warm-up functions at least; the picks after them differ with the machine's vector width.
        Assert.True(records.Count(r => r.Status == EvaluationStatus.Completed) >= 3, string.Join("; ", records.Select(r => $"{r.Motif} {r.Status}")));
        Assert.True(File.Exists(_temp.File("run/best.json")));
        Assert.Contains("best expr:", result.Output, StringComparison.Ordinal);
    }
}
