using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Surrogates;

/// <summary>
/// TorchSharp does not keep an implicitly converted Scalar alive during its native call; a collection
/// at that moment once crashed a long fit. The Petri dish holds its Scalars (<see cref="Sdk.HeldScalars"/>):
/// under continuous collections it must neither fail nor change its result, through the libtorch
/// program and through the managed kernels (whose meta-gradient libtorch calls back into).
/// </summary>
[Collection(GarbageCollectionPressureCollection.Name)]
public sealed class PetriDishUnderCollectionPressureTests
{
    private static readonly ActivationSearchSpace Space = new(new ActivationSettings(), TestContexts.Plugin());

    [Theory]
    [InlineData(false, 40, 100)]
    [InlineData(true, 400, 20)]
    public void A_fit_and_its_predictions_are_unchanged_by_collections_during_native_calls(bool managedKernels, int outerSteps, int minimumCollections)
    {
        var settings = new PetriDishSettings
        {
            InnerSteps = 250,
            OuterSchedule = [new OuterStage { Steps = outerSteps, LearningRate = 0.05 }],
            ManagedKernels = managedKernels,
        };
        var quiet = FitAndPredict(settings);
        foreach (var underPressure in GarbageCollectionPressure.RepeatUntilCollected(() => FitAndPredict(settings), minimumCollections))
        {
            Assert.Equal(quiet, underPressure);
        }
    }

    private static IReadOnlyList<double> FitAndPredict(PetriDishSettings settings)
    {
        using var surrogate = new PetriDishSurrogate(settings, Space, TestContexts.Plugin(seed: 7));
        surrogate.Fit([.. new[] { 0.4, 0.6, 0.8, 1.0, 1.2, 1.4, 1.6 }.Select(c => new Observation(Space.At(c), -Math.Pow(Math.Log(c / 0.3), 2)))], null, CancellationToken.None);
        return surrogate.Predict([.. new[] { 0.05, 0.3, 0.7, 1.3, 2.0 }.Select(c => Space.At(c))], CancellationToken.None);
    }
}
