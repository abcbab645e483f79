using PetriDish.Abstractions;
using PetriDish.Core.Comparison;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.Surrogate.Linear;
using PetriDish.Plugins.Surrogate.NnPredictor;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Surrogates;

public sealed class BaselineSurrogateTests
{
    private static readonly ActivationSearchSpace Space = new(new ActivationSettings(), TestContexts.Plugin());

    private static List<Observation> Line(Func<double, double> truth, params double[] slopes) =>
        [.. slopes.Select(c => new Observation(Space.At(c), truth(c)))];

    [Fact]
    public void The_nn_predictor_learns_a_simple_monotone_function_and_ranks_unseen_motifs_by_it()
    {
        static double Truth(double c) => Math.Log(c);
        using var predictor = new NnPredictor(new NnPredictorSettings(), Space, TestContexts.Plugin());
        predictor.Fit(Line(Truth, 0.1, 0.3, 0.5, 0.8, 1.1, 1.4, 1.7, 2.0), null, CancellationToken.None);

        var probe = new[] { 0.2, 0.4, 0.65, 0.95, 1.25, 1.55, 1.85 }.Select(c => Space.At(c)).ToList();
        var predicted = predictor.Predict(probe, CancellationToken.None);

        Assert.Equal(1.0, RankMetrics.KendallTauB([.. probe.Select(m => Truth(Space.PositionOf(m)))], [.. predicted]), 12);
        Assert.All(probe.Zip(predicted), p => Assert.Equal(Truth(Space.PositionOf(p.First)), p.Second, 0.25));
    }

    [Fact]
    public void The_nn_predictor_saves_and_loads_to_the_same_predictions_and_is_seeded()
    {
        var observations = Line(c => -c * c, 0.2, 0.6, 1.0, 1.4, 1.8);
        using var first = new NnPredictor(new NnPredictorSettings { Epochs = 200 }, Space, TestContexts.Plugin(seed: 4));
        using var same = new NnPredictor(new NnPredictorSettings { Epochs = 200 }, Space, TestContexts.Plugin(seed: 4));
        first.Fit(observations, null, CancellationToken.None);
        same.Fit(observations, null, CancellationToken.None);
        using var state = new MemoryStream();
        first.Save(state);
        state.Position = 0;
        using var loaded = new NnPredictor(new NnPredictorSettings { Epochs = 200 }, Space, TestContexts.Plugin(seed: 9));
        loaded.Load(state);

        var probe = new[] { 0.1, 0.9, 1.9 }.Select(c => Space.At(c)).ToList();
        Assert.Equal(first.Predict(probe, CancellationToken.None), same.Predict(probe, CancellationToken.None));
        Assert.Equal(first.Predict(probe, CancellationToken.None), loaded.Predict(probe, CancellationToken.None));
    }

    [Fact]
    public void Linear_regression_recovers_a_line_exactly_and_extrapolates_it()
    {
        var linear = new LinearSurrogate(new LinearSettings { Ridge = 0 }, Space);
        linear.Fit(Line(c => 3 - (2 * c), 0.5, 1.0, 1.5), null, CancellationToken.None);

        var predicted = linear.Predict([Space.At(0.01), Space.At(2.01)], CancellationToken.None);

        Assert.Equal(3 - 0.02, predicted[0], 9);
        Assert.Equal(3 - 4.02, predicted[1], 9);
    }
}
