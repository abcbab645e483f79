using System.Globalization;
using PetriDish.Core;
using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Api;

/// <summary>The C# API (README, "PetriDish from C#"): the same parts as the CLI, without it.</summary>
public sealed class PetriDishSessionTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private static PetriDishSession Session() => PetriDishSession.Create([RepoPaths.HostPlugins, RepoPaths.TestPlugins]);

    private string Manifest(int budget, int delayMilliseconds = 0)
    {
        var observations = _temp.Write("toy-observations.csv", "motif,value\n" + string.Concat(Enumerable.Range(0, 40).Select(i => string.Create(CultureInfo.InvariantCulture, $"toy:{i},{-Math.Abs(i - 23) / 10.0}\n"))));
        return _temp.Write("api.json", $$"""
            // A toy search, as a C# caller would load it.
            {
              "name": "api",
              "seed": 5,
              "device": "cpu",
              "searchSpace": { "plugin": "toy-space", "settings": { "size": 40, "peak": 23, "groundTruth": { "delayMilliseconds": {{delayMilliseconds}} } } },
              "surrogates": [ { "plugin": "nearest-neighbour" } ],
              "optimizer": { "plugin": "random-search" },
              "search": { "warmup": 4, "candidates": 12, "evaluationsPerIteration": 2, "surrogate": "nearest-neighbour", "budget": { "evaluations": {{budget}} } },
              "compare": { "observations": "{{Path.GetFileName(observations)}}", "seeds": 2, "train": { "fraction": 0.5 } }
            }
            """);
    }

    [Fact]
    public async Task A_search_runs_to_its_budget_reports_progress_and_its_evaluations_can_be_read_back()
    {
        var session = Session();
        var manifest = session.LoadManifest(Manifest(budget: 10));
        var progress = new RecordingSink();

        var result = await session.Search(manifest).InFolder(_temp.File("run")).WithProgress(progress).RunAsync();

        Assert.StartsWith("best toy:", result.Summary, StringComparison.Ordinal);
        Assert.Equal(10, result.Outcome.Evaluations);
        Assert.True(File.Exists(Path.Combine(result.Folder, "report.md")));
        var evaluations = PetriDishSession.ReadEvaluations(result.Folder);
        Assert.Equal(10, evaluations.Count);
        Assert.All(evaluations, e => Assert.Equal(EvaluationStatus.Completed, e.Status));
        Assert.Equal(evaluations.Max(e => e.Value), result.Outcome.Best!.Value);
        Assert.NotEmpty(progress.Lines);
        Assert.InRange(progress.LastFraction, 0.99, 1.0);
    }

    [Fact]
    public async Task A_cancelled_search_keeps_its_evaluations_and_resumes_to_the_same_end_as_an_uninterrupted_one()
    {
        var session = Session();
        var manifest = session.LoadManifest(Manifest(budget: 12, delayMilliseconds: 150));
        using var cancellation = new CancellationTokenSource();
        var progress = new RecordingSink(onLine: count =>
        {
            if (count == 3)
            {
                cancellation.Cancel();
            }
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => session.RunSearchAsync(manifest, _temp.File("stopped"), progress, cancellation.Token));
        var kept = PetriDishSession.ReadEvaluations(_temp.File("stopped")).Count;
        Assert.InRange(kept, 1, 11);

        var resumed = await session.ResumeAndRunSearchAsync(_temp.File("stopped"));
        var uninterrupted = await session.RunSearchAsync(manifest, _temp.File("whole"));

        Assert.Equal(12, resumed.Outcome.Evaluations);
        Assert.Equal(
            PetriDishSession.ReadEvaluations(uninterrupted.Folder).Select(e => e.Motif).Order(StringComparer.Ordinal),
            PetriDishSession.ReadEvaluations(resumed.Folder).Select(e => e.Motif).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Surrogates_are_compared_on_the_manifest_observations_once_per_seed()
    {
        var session = Session();
        var manifest = session.LoadManifest(Manifest(budget: 10));

        var comparison = await session.CompareAsync(manifest);

        var surrogate = Assert.Single(comparison.Surrogates);
        Assert.Equal("nearest-neighbour", surrogate.Name);
        Assert.Equal(2, surrogate.Seeds.Count);
        Assert.Equal(20, comparison.Split.Train.Count);
        Assert.All(surrogate.Seeds, s => Assert.InRange(s.KendallTau, -1, 1));
    }

    [Fact]
    public void Bad_manifests_and_missing_runs_are_reported_with_where_they_are_wrong()
    {
        var session = Session();
        var bad = _temp.Write("bad.json", """{ "searchSpace": { "plugin": "no-such-space" } }""");

        var invalid = Assert.Throws<ManifestValidationException>(() => session.LoadManifest(bad));
        Assert.Contains(invalid.Errors, e => e.ToString().Contains("bad.json:1:", StringComparison.Ordinal) && e.ToString().Contains("no-such-space", StringComparison.Ordinal));

        var missing = Assert.Throws<InvalidInputException>(() => PetriDishSession.ReadEvaluations(_temp.File("never-ran")));
        Assert.Contains("never-ran", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manifest_built_in_code_validates_and_searches_as_the_same_manifest_in_a_file()
    {
        var session = Session();
        var fromFile = session.LoadManifest(Manifest(budget: 8));
        var inCode = new ExperimentManifest
        {
            Name = "api",
            Seed = 5,
            Device = "cpu",
            SearchSpace = PluginReference.Create("toy-space", new { size = 40, peak = 23, groundTruth = new { delayMilliseconds = 0 } }),
            Surrogates = [SurrogateReference.Create("nearest-neighbour")],
            Optimizer = PluginReference.Create("random-search"),
            Search = new SearchOptions { Warmup = 4, Candidates = 12, EvaluationsPerIteration = 2, Surrogate = "nearest-neighbour", Budget = new SearchBudget { Evaluations = 8 } },
        };

        var fromCode = session.LoadManifest(inCode, baseDirectory: _temp.Path);

        Assert.Equal(Path.Combine(_temp.Path, "api.json"), fromCode.FilePath);
        Assert.Equal(fromFile.SearchSpace.SettingsJson, fromCode.SearchSpace.SettingsJson);
        Assert.Equal(fromFile.Surrogates.Select(s => s.SettingsJson), fromCode.Surrogates.Select(s => s.SettingsJson));
        var fileRun = await session.Search(fromFile).InFolder(_temp.File("file-run")).RunAsync();
        var codeRun = await session.Search(fromCode).InFolder(_temp.File("code-run")).RunAsync();
        Assert.Equal(PetriDishSession.ReadEvaluations(fileRun.Folder).Select(e => e.Motif), PetriDishSession.ReadEvaluations(codeRun.Folder).Select(e => e.Motif));
    }

    [Fact]
    public void A_manifest_built_in_code_with_a_wrong_plugin_and_settings_reports_every_problem_at_its_json_path()
    {
        var session = Session();
        var inCode = new ExperimentManifest
        {
            Name = "broken",
            SearchSpace = PluginReference.Create("toy-space", new { size = -1 }),
            Surrogates = [SurrogateReference.Create("nearest-neighbor")],
        };

        var error = Assert.Throws<ManifestValidationException>(() => session.LoadManifest(inCode, baseDirectory: _temp.Path));

        Assert.Contains(error.Errors, e => e.JsonPath == "$.surrogates[0].plugin" && e.Message.Contains("did you mean 'nearest-neighbour'", StringComparison.Ordinal));
        Assert.Contains(error.Errors, e => e.JsonPath.StartsWith("$.searchSpace.settings", StringComparison.Ordinal) && e.Plugin == "toy-space");
        Assert.All(error.Errors, e => Assert.EndsWith("broken.json", e.File, StringComparison.Ordinal));
    }

    private sealed class RecordingSink(Action<int>? onLine = null) : IProgressSink
    {
        public List<string> Lines { get; } = [];

        public double LastFraction { get; private set; }

        public void Update(double fraction, string status) => LastFraction = fraction;

        public void Line(string message)
        {
            Lines.Add(message);
            onLine?.Invoke(Lines.Count);
        }
    }
}
