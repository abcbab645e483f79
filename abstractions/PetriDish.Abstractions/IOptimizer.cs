namespace PetriDish.Abstractions;

/// <summary>A search strategy in ask/tell form: it proposes motifs and learns from their results. Disposing it releases its tensors and modules.</summary>
public interface IOptimizer : ICheckpointable, IDisposable
{
    /// <summary>Proposes up to <paramref name="count"/> new, distinct motifs, best first where it has an order.</summary>
    Task<IReadOnlyList<IMotif>> ProposeAsync(int count, IOptimizerContext context, CancellationToken cancellationToken);

    /// <summary>Ground-truth results of motifs (proposed by this optimizer or not).</summary>
    void Observe(IReadOnlyList<Observation> observations);
}
