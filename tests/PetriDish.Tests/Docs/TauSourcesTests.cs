using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Docs;

/// <summary>
/// Issue 28: every Kendall τ the docs quote can be recomputed from committed per-motif scores.
/// <c>scripts/check-taus.py</c> finds each τ source under docs/data (compare outputs, collected CSVs,
/// predictor studies) and recomputes it with <c>scripts/compare-tau.py</c> or <c>scripts/study-tau.py</c>.
/// </summary>
public sealed class TauSourcesTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);
    private readonly TempDirectory _repo = new();

    public void Dispose() => _repo.Dispose();

    [Fact]
    public async Task Every_tau_the_committed_data_report_has_committed_scores_that_recompute_it_without_a_difference()
    {
        var result = await ProcessRunner.RunAsync("python3", [Path.Combine(RepoPaths.Root, "scripts", "check-taus.py")], RepoPaths.Root, Timeout);

        Assert.DoesNotContain("τ not recomputed", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"[1-9][0-9]* τ sources recomputed from their scores, 0 differ, 0 without scores", result.Output);
    }

    [Fact]
    public async Task A_comparison_whose_reported_tau_its_scores_do_not_give_is_reported_and_one_without_scores_is_listed()
    {
        // Four motifs ranked perfectly by seed 1 (τ 1) and in reverse by seed 2 (τ -1).
        _repo.Write("docs/data/demo-compare.json", """
            { "goal": "maximize", "surrogates": [ { "id": "s", "fits": [ { "seed": 1 }, { "seed": 2 } ], "kendall_tau": { "values": [1.0, -1.0] } } ] }
            """);
        _repo.Write("docs/data/demo-compare-scores.csv", """
            surrogate,seed,motif,value,score
            s,1,a,0.1,1
            s,1,b,0.2,2
            s,1,c,0.3,3
            s,1,d,0.4,4
            s,2,a,0.1,4
            s,2,b,0.2,3
            s,2,c,0.3,2
            s,2,d,0.4,1

            """);
        // A metric to minimise: the lowest value is the best, so scoring it highest is τ 1.
        _repo.Write("docs/data/low-compare.json", """
            { "goal": "minimize", "surrogates": [ { "id": "s", "fits": [ { "seed": 1 } ], "kendall_tau": { "values": [1.0] } } ] }
            """);
        _repo.Write("docs/data/low-compare-scores.csv", """
            surrogate,seed,motif,value,score
            s,1,a,0.1,3
            s,1,b,0.2,2
            s,1,c,0.3,1

            """);
        _repo.Write("docs/data/lonely-compare.json", """
            { "goal": "minimize", "surrogates": [ { "id": "s", "fits": [ { "seed": 1 } ], "kendall_tau": { "values": [0.5] } } ] }
            """);
        foreach (var script in new[] { "check-taus.py", "compare-tau.py", "study-tau.py", "figures.py" })
        {
            File.Copy(Path.Combine(RepoPaths.Root, "scripts", script), _repo.Write("scripts/" + script, ""), overwrite: true);
        }

        var consistent = await Run();
        File.WriteAllText(_repo.File("docs/data/demo-compare.json"), File.ReadAllText(_repo.File("docs/data/demo-compare.json")).Replace("[1.0, -1.0]", "[1.0, -0.5]", StringComparison.Ordinal));
        var edited = await Run();

        Assert.Equal(1, consistent.ExitCode);
        Assert.Contains("no per-motif scores: docs/data/lonely-compare.json", consistent.Output, StringComparison.Ordinal);
        Assert.Contains("2 τ sources recomputed from their scores, 0 differ, 1 without scores", consistent.Output, StringComparison.Ordinal);
        Assert.Contains("τ not recomputed: docs/data/demo-compare.json: docs/data/demo-compare.json: largest difference from the reported τ 5.00e-01", edited.Output.Replace(_repo.Path + "/", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private Task<CliResult> Run() =>
        ProcessRunner.RunAsync("python3", [_repo.File("scripts/check-taus.py"), "--root", _repo.Path], _repo.Path, Timeout);
}
