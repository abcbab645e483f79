using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Surrogates;

/// <summary>
/// TorchSharp does not keep an implicitly converted Scalar alive during its native call; a collection
/// at that moment once crashed a long fit. The Petri dish holds its Scalars (<see cref="HeldScalars"/>):
/// under continuous collections it must neither fail nor change its result.
/// </summary>
[Collection(GarbageCollectionPressureCollection.Name)]
public sealed class PetriDishUnderCollectionPressureTests
{
    private static readonly ActivationSearchSpace Space = new(new ActivationSettings(), TestContexts.Plugin());

    private static readonly PetriDishSettings Settings = new()
    {
        InnerSteps = 250,
        OuterSchedule = [new OuterStage { Steps = 40, LearningRate = 0.05 }],
    };

    [Fact]
    public void A_fit_and_its_predictions_are_unchanged_by_collections_during_native_calls()
    {
        var quiet = FitAndPredict();
        IReadOnlyList<double> underPressure;
        int collections;
        using (var pressure = new GarbageCollectionPressure())
        {
            underPressure = FitAndPredict();
            collections = pressure.Collections;
        }

        Assert.True(collections > 100, $"only {collections} collections ran during the fit");
        Assert.Equal(quiet, underPressure);
    }

    private static IReadOnlyList<double> FitAndPredict()
    {
        using var surrogate = new PetriDishSurrogate(Settings, Space, TestContexts.Plugin(seed: 7));
        surrogate.Fit([.. new[] { 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6 }.Select(c => new Observation(Space.At(c), -Math.Pow(Math.Log(c / 0.3), 2)))], null, CancellationToken.None);
        return surrogate.Predict([.. new[] { 0.05, 0.3, 0.7, 1.3, 2.0 }.Select(c => Space.At(c))], CancellationToken.None);
    }
}
