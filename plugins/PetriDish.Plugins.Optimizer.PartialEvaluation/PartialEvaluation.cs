using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Optimizer.PartialEvaluation;

/// <summary>
/// Draws <see cref="PartialEvaluationSettings.Candidates"/> new random motifs, measures each with the
/// cheap ground truth, and proposes them best first, so that the search loop spends its full
/// evaluations on the most promising.
/// </summary>
public sealed class PartialEvaluation(ISearchSpace space, PartialEvaluationSettings settings, int seed) : IOptimizer
{
    private readonly DeterministicRandom _random = new(seed);
    private readonly Fidelity _fidelity = settings.ToFidelity();

    public async Task<IReadOnlyList<IMotif>> ProposeAsync(int count, IOptimizerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var candidates = MotifSampler.SampleDistinct(space, _random, Math.Max(count, settings.Candidates), context.IsKnown);
        var scored = new List<(IMotif Motif, double Score)>();
        foreach (var motif in candidates)
        {
            scored.Add((motif, await context.EvaluateLowFidelityAsync(motif, _fidelity, cancellationToken).ConfigureAwait(false)));
        }

        return [.. scored.OrderByDescending(s => s.Score).Take(count).Select(s => s.Motif)];
    }

    public void Observe(IReadOnlyList<Observation> observations)
    {
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        _random.Save(writer);
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        _random.Load(reader);
    }

    /// <summary>Nothing to release: this component holds no tensors or native resources.</summary>
    public void Dispose()
    {
    }
}
