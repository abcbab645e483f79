using PetriDish.Abstractions;

namespace PetriDish.Sdk;

/// <summary>Drawing motifs without repeats, as random search and its variants need.</summary>
public static class MotifSampler
{
    /// <summary>
    /// Up to <paramref name="count"/> distinct motifs from <see cref="ISearchSpace.Sample"/> that
    /// <paramref name="exclude"/> does not reject. Returns fewer when the space seems exhausted
    /// (<paramref name="attemptsPerMotif"/> draws in a row gave nothing new); a finite space
    /// (<see cref="IFiniteSearchSpace"/>) then lists its remaining motifs, so that fewer means exhausted.
    /// </summary>
    public static IReadOnlyList<IMotif> SampleDistinct(ISearchSpace space, Random random, int count, Func<string, bool> exclude, int attemptsPerMotif = 1000)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(exclude);
        var chosen = new List<IMotif>(count);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var misses = 0;
        while (chosen.Count < count && misses < attemptsPerMotif)
        {
            var motif = space.Sample(random);
            if (exclude(motif.Key) || !keys.Add(motif.Key))
            {
                misses++;
                continue;
            }

            chosen.Add(motif);
            misses = 0;
        }

        // Rejection sampling gives up when nearly every motif is taken; a finite space can list the
        // rest, so that a search runs it to exhaustion without ever repeating a motif.
        if (chosen.Count < count && space is IFiniteSearchSpace finite)
        {
            var rest = finite.Enumerate().Where(m => !exclude(m.Key) && !keys.Contains(m.Key)).ToArray();
            random.Shuffle(rest);
            chosen.AddRange(rest.Take(count - chosen.Count));
        }

        return chosen;
    }
}
