using System.Text;

namespace PetriDish.Sdk;

/// <summary>Stable sub-seeds, so that every component of an experiment draws independent, reproducible numbers.</summary>
public static class Seeds
{
    /// <summary>
    /// A seed for the purpose named <paramref name="purpose"/> under the experiment seed <paramref name="seed"/>;
    /// the same on every machine and .NET version (unlike <see cref="string.GetHashCode()"/>).
    /// </summary>
    public static int Derive(int seed, string purpose)
    {
        ArgumentNullException.ThrowIfNull(purpose);
        var hash = 14695981039346656037UL; // FNV-1a over the purpose's UTF-8 bytes
        foreach (var b in Encoding.UTF8.GetBytes(purpose))
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        var mixed = SplitMix64((ulong)(uint)seed ^ hash);
        return (int)(mixed & 0x7fffffff);
    }

    /// <summary>A seed for index <paramref name="index"/> (a repeat, an ensemble member, ...) under <paramref name="seed"/>.</summary>
    public static int Derive(int seed, string purpose, int index) =>
        Derive(seed, string.Concat(purpose, "#", index.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    internal static ulong SplitMix64(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
