using PetriDish.Abstractions;
using PetriDish.Sdk.Conformance;

namespace PetriDish.Core.Plugins;

/// <summary>
/// The cheap rules of a search space checked where its motifs enter the host (proposals, observations
/// handed to a surrogate), so that a broken key or encoding is reported as the search space's fault
/// where it appears, not as an optimizer's invalid proposal or an index error inside a surrogate.
/// </summary>
/// <param name="space">The search space.</param>
/// <param name="spaceId">Its plugin id.</param>
internal sealed class SearchSpaceGuard(ISearchSpace space, string spaceId)
{
    /// <summary>
    /// Throws when a motif the space made itself (its own Sample, in the warm-up) has a key that does
    /// not parse back to itself: the space's fault.
    /// </summary>
    /// <param name="motif">A motif the space made.</param>
    /// <param name="cameFrom">Where the motif came from, for the message (e.g. <c>its own Sample (the warm-up)</c>).</param>
    public void RequireOwnKey(IMotif motif, string cameFrom)
    {
        if (SearchSpaceConformance.KeyProblem(space, motif) is { } problem)
        {
            throw new PluginContractException(spaceId, ConformanceRules.KeyRoundTrip, $"the key {problem}; the motif reached the search through {cameFrom}");
        }
    }

    /// <summary>Throws when <paramref name="parsed"/>, the space's Parse of <paramref name="motif"/>'s key, has another key.</summary>
    public void RequireSameKey(IMotif motif, IMotif parsed, string cameFrom)
    {
        ArgumentNullException.ThrowIfNull(motif);
        ArgumentNullException.ThrowIfNull(parsed);
        if (parsed.Key != motif.Key)
        {
            throw new PluginContractException(spaceId, ConformanceRules.KeyRoundTrip, $"the key '{motif.Key}' parses to a motif with key '{parsed.Key}'; the motif reached the search through {cameFrom}");
        }
    }

    /// <summary>Checks that every motif's encoding has the declared length and is finite, before surrogates read them.</summary>
    public void CheckEncodings(IEnumerable<IMotif> motifs)
    {
        ArgumentNullException.ThrowIfNull(motifs);
        if (motifs.Select(m => SearchSpaceConformance.EncodingProblem(space, m)).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new PluginContractException(spaceId, ConformanceRules.Encoding, problem);
        }
    }
}
