using PetriDish.Abstractions;
using PetriDish.Core.Comparison;
using PetriDish.Plugins.Optimizer.Nao;
using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Sdk;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Nao;

/// <summary>
/// NAO on the real cell space with a synthetic, learnable performance (the real ground truth costs
/// half a minute per cell): more relu nodes and more nodes reading the input node score higher.
/// </summary>
public sealed class NaoOptimizerTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private static readonly RnnCellSearchSpace Space = new(new RnnCellSettings(), TestContexts.Plugin());

    private static readonly NaoSettings Settings = new() { Epochs = 150 };

    private static double Score(IMotif motif)
    {
        var cell = (NaoCell)motif;
        return (cell.Activations.Count(a => a == CellActivation.Relu) / 11.0) + (0.5 * cell.Inputs.Count(i => i == 0) / 11.0);
    }

    private static List<IMotif> Cells(int count, int seed) => [.. MotifSampler.SampleDistinct(Space, new DeterministicRandom(seed), count, _ => false)];

    private static (NaoOptimizer Nao, List<IMotif> Train, NaoTrainingReport Report) Trained()
    {
        var train = Cells(60, 1);
        var nao = new NaoOptimizer(Settings, Space, TestContexts.Plugin(seed: 3));
        var report = nao.Train([.. train.Select(m => new Observation(m, Score(m)))], iteration: 1, CancellationToken.None);
        return (nao, train, report);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void The_encoder_decoder_reconstructs_training_cells_and_the_predictor_ranks_held_out_cells_better_than_chance()
    {
        var (nao, _, report) = Trained();
        using (nao)
        {
            var heldOut = Cells(40, 2);

            var predicted = nao.PredictScores(heldOut);
            var tau = RankMetrics.KendallTauB([.. heldOut.Select(Score)], predicted);
            output.WriteLine($"token accuracy on 60 training cells {report.TokenAccuracy:P1}; Kendall τ on 40 held-out cells {tau:F3}; final prediction MSE {report.PredictionLoss:F4}, reconstruction CE {report.ReconstructionLoss:F4}");
            // Every held-out cell's score and prediction, so that the τ docs/rnn-cell-search.md quotes can be recomputed.
            output.WriteLine("cell,score,predicted");
            for (var i = 0; i < heldOut.Count; i++)
            {
                output.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"\"{heldOut[i].Key}\",{Score(heldOut[i]):R},{predicted[i]:R}"));
            }

            Assert.True(report.TokenAccuracy > 0.9, $"token accuracy {report.TokenAccuracy:P1}");
            Assert.True(tau > 0.3, $"Kendall τ of held-out predictions {tau:F3}");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Gradient_steps_on_the_embedding_decode_to_valid_mostly_new_and_better_cells()
    {
        var (nao, train, _) = Trained();
        using (nao)
        {
            var seeds = train.OrderByDescending(Score).Take(20).ToList();
            var known = train.Select(m => m.Key).ToHashSet();

            var moved = nao.Move(seeds, lambda: 30);

            Assert.Equal(seeds.Count, moved.Count); // Every decoded sequence is a valid cell.
            Assert.All(moved, m => Assert.Equal(m, Space.Parse(m.Key)));
            Assert.True(moved.Count(m => !known.Contains(m.Key)) >= moved.Count / 2, "most moved cells should be new");
            Assert.True(moved.Average(Score) >= seeds.Average(Score) - 0.05, $"moved {moved.Average(Score):F3} vs seeds {seeds.Average(Score):F3}");
        }
    }

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Proposals_are_new_distinct_cells_and_the_state_round_trips()
    {
        var train = Cells(30, 5);
        using var nao = new NaoOptimizer(new NaoSettings { Epochs = 40 }, Space, TestContexts.Plugin(seed: 3));
        nao.Observe([.. train.Select(m => new Observation(m, Score(m)))]);
        var known = train.Select(m => m.Key).ToHashSet();

        var proposals = await nao.ProposeAsync(12, new Context(known), CancellationToken.None);

        Assert.Equal(12, proposals.Count);
        Assert.Equal(12, proposals.Select(p => p.Key).Distinct().Count());
        Assert.DoesNotContain(proposals, p => known.Contains(p.Key));
        using var state = new MemoryStream();
        nao.Save(state);
        state.Position = 0;
        using var restored = new NaoOptimizer(new NaoSettings { Epochs = 40 }, Space, TestContexts.Plugin(seed: 3));
        restored.Load(state);
        var probe = Cells(5, 9);
        Assert.Equal(nao.PredictScores(probe), restored.PredictScores(probe));
    }

    [Fact]
    public async Task Without_observations_nao_starts_from_random_cells()
    {
        using var nao = new NaoOptimizer(Settings, Space, TestContexts.Plugin());

        var proposals = await nao.ProposeAsync(5, new Context([]), CancellationToken.None);

        Assert.Equal(5, proposals.Select(p => p.Key).Distinct().Count());
    }

    private sealed class Context(HashSet<string> known) : IOptimizerContext
    {
        public int Iteration => 1;

        public bool IsKnown(string motifKey) => known.Contains(motifKey);

        public Task<double> EvaluateLowFidelityAsync(IMotif motif, Fidelity fidelity, CancellationToken cancellationToken) =>
            throw new NotSupportedException("NAO does not screen");
    }
}
