using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.TestPlugins.Helpers;

namespace PetriDish.TestPlugins;

public sealed class ToyGroundTruth(ToyLandscape landscape, ToyGroundTruthSettings settings) : IGroundTruthEvaluator
{
    public GroundTruthMetric Metric { get; } = new("toy-score", MetricGoal.Maximize);

    public string ConfigurationKey => string.Create(CultureInfo.InvariantCulture, $"toy;peak={landscape.Peak};epochs={settings.Epochs}");

    public async Task<GroundTruthResult> EvaluateAsync(IMotif motif, Fidelity fidelity, int seed, IProgress<ProgressUpdate>? progress, CancellationToken cancellationToken)
    {
        var position = ((ToyMotif)motif).Position;
        if (settings.Failing.Contains(position))
        {
            throw new InvalidOperationException($"toy ground truth fails for {motif.Key} by configuration");
        }

        if (settings.NonFinite.Contains(position))
        {
            return new GroundTruthResult(position % 2 == 0 ? double.NaN : double.PositiveInfinity);
        }

        var epochs = fidelity.Epochs ?? settings.Epochs;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new ProgressUpdate((double)epoch / epochs, $"epoch {epoch + 1}/{epochs}"));
            await Task.Yield();
        }

        await Task.Delay(settings.DelayMilliseconds, cancellationToken).ConfigureAwait(false);

        // Low fidelity blurs the landscape a little, as partial training would.
        var blur = fidelity.IsFull ? 0 : 0.01 * ((position * 7 + seed) % 3);
        return new GroundTruthResult(landscape.ValueAt(position) - blur);
    }
}
