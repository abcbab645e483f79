using System.Globalization;
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
    /// <paramref name="motif"/> parsed back from its key. A key the space made itself (a motif an
    /// optimizer proposed) that does not parse back to itself is the space's fault.
    /// </summary>
    /// <param name="motif">A motif the space made (through an optimizer, or its own Sample and Mutate).</param>
    /// <param name="cameFrom">Where the motif came from, for the message (e.g. <c>optimizer 'random-search'</c>).</param>
    public IMotif ParseOwnKey(IMotif motif, string cameFrom)
    {
        ArgumentNullException.ThrowIfNull(motif);
        IMotif parsed;
        try
        {
            parsed = space.Parse(motif.Key);
        }
        catch (MotifFormatException ex)
        {
            throw new PluginContractException(spaceId, ConformanceRules.KeyRoundTrip, $"the key '{motif.Key}' of a motif it made does not parse back ({ex.Message}); the motif reached the search through {cameFrom}", ex);
        }

        RequireSameKey(motif, parsed, cameFrom);
        return parsed;
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
        foreach (var motif in motifs)
        {
            var encoding = space.Encode(motif);
            if (encoding.Count != space.EncodingLength)
            {
                throw new PluginContractException(spaceId, ConformanceRules.Encoding, $"Encode({motif.Key}) has {encoding.Count} numbers; its EncodingLength says {space.EncodingLength}");
            }

            for (var i = 0; i < encoding.Count; i++)
            {
                if (!double.IsFinite(encoding[i]))
                {
                    throw new PluginContractException(spaceId, ConformanceRules.Encoding, $"Encode({motif.Key})[{i}] is {encoding[i].ToString(CultureInfo.InvariantCulture)}");
                }
            }
        }
    }
}
