using PetriDish.Abstractions;
using PetriDish.Sdk;

namespace PetriDish.Plugins.Optimizer.RegularizedEvolution;

/// <summary>
/// Regularized (ageing) evolution, Real et al. 2019: the population is a queue of the newest observed
/// motifs; a child is a mutation (the search space's own) of the best of a random sample of it; every
/// observation joins the queue and, once it is full, retires the oldest member, however good.
/// </summary>
/// <remarks>
/// Each proposal is one child from its own tournament, so several children per round are independent
/// draws of the same population: a surrogate can screen a round of <c>search.candidates</c> children and
/// keep the best few, while without one the loop asks for <c>search.evaluationsPerIteration</c> children
/// (1 is the algorithm as published). The warm-up's evaluations are the initial population. Until a
/// motif is observed there is no parent, and proposals are random samples.
/// </remarks>
public sealed class RegularizedEvolution(ISearchSpace space, RegularizedEvolutionSettings settings, int seed) : IOptimizer
{
    private readonly DeterministicRandom _random = new(seed);
    private readonly Queue<Observation> _population = new();

    /// <summary>The current population, oldest first.</summary>
    public IReadOnlyList<Observation> Population => [.. _population];

    public Task<IReadOnlyList<IMotif>> ProposeAsync(int count, IOptimizerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var children = new List<IMotif>(count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        bool Taken(string key) => context.IsKnown(key) || keys.Contains(key);
        while (children.Count < count)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var child = Child(Taken) ?? MotifSampler.SampleDistinct(space, _random, 1, Taken).FirstOrDefault();
            if (child is null)
            {
                break; // the space seems exhausted
            }

            keys.Add(child.Key);
            children.Add(child);
        }

        return Task.FromResult<IReadOnlyList<IMotif>>(children);
    }

    /// <summary>A mutation of a tournament's winner that <paramref name="taken"/> does not reject, or null after the allowed attempts.</summary>
    private IMotif? Child(Func<string, bool> taken)
    {
        if (_population.Count == 0)
        {
            return null;
        }

        var members = _population.ToArray();
        for (var attempt = 0; attempt < settings.MutationAttempts; attempt++)
        {
            var child = space.Mutate(Tournament(members).Motif, _random);
            if (!taken(child.Key))
            {
                return child;
            }
        }

        return null;
    }

    /// <summary>The best of <see cref="RegularizedEvolutionSettings.SampleSize"/> members drawn without replacement (the earliest drawn wins a tie).</summary>
    private Observation Tournament(Observation[] members)
    {
        var size = Math.Min(settings.SampleSize, members.Length);
        var order = Enumerable.Range(0, members.Length).ToArray();
        Observation? best = null;
        for (var i = 0; i < size; i++)
        {
            // A partial Fisher–Yates shuffle: the first `size` places are a uniform sample without replacement.
            var j = i + _random.Next(members.Length - i);
            (order[i], order[j]) = (order[j], order[i]);
            var drawn = members[order[i]];
            if (best is null || drawn.Score > best.Score)
            {
                best = drawn;
            }
        }

        return best!;
    }

    public void Observe(IReadOnlyList<Observation> observations)
    {
        ArgumentNullException.ThrowIfNull(observations);
        foreach (var observation in observations.Where(o => double.IsFinite(o.Score)))
        {
            _population.Enqueue(observation);
            if (_population.Count > settings.Population)
            {
                _population.Dequeue();
            }
        }
    }

    public void Save(Stream stream)
    {
        using var writer = new BinaryWriter(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        _random.Save(writer);
        writer.Write(_population.Count);
        foreach (var member in _population)
        {
            writer.Write(member.Motif.Key);
            writer.Write(member.Score);
        }
    }

    public void Load(Stream stream)
    {
        using var reader = new BinaryReader(stream, System.Text.Encoding.UTF8, leaveOpen: true);
        _random.Load(reader);
        _population.Clear();
        var count = reader.ReadInt32();
        for (var i = 0; i < count; i++)
        {
            var motif = space.Parse(reader.ReadString());
            _population.Enqueue(new Observation(motif, reader.ReadDouble()));
        }
    }

    /// <summary>Nothing to release: this component holds no tensors or native resources.</summary>
    public void Dispose()
    {
    }
}
