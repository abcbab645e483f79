using PetriDish.Abstractions;

namespace PetriDish.Sdk;

/// <summary>Drawing motifs without repeats, as random search and its variants need.</summary>
public static class MotifSampler
{
    /// <summary>
    /// Up to <paramref name="count"/> distinct motifs from <see cref="ISearchSpace.Sample"/> that
    /// <paramref name="exclude"/> does not reject. Returns fewer when the space seems exhausted
    /// (<paramref name="attemptsPerMotif"/> draws in a row gave nothing new).
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

        return chosen;
    }
}
