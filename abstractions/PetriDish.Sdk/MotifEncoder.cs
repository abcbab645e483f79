using PetriDish.Abstractions;

namespace PetriDish.Sdk;

/// <summary>
/// One encoding of a search space, chosen by the name an encoding-based surrogate's settings give:
/// the default (<see cref="ISearchSpace.Encode"/>) for none, else one the space offers through
/// <see cref="IMotifEncodings"/>.
/// </summary>
public sealed class MotifEncoder
{
    private readonly ISearchSpace _space;
    private readonly string? _name;

    private MotifEncoder(ISearchSpace space, string? name, int length)
    {
        _space = space;
        _name = name;
        Length = length;
    }

    /// <summary>The encoding's length.</summary>
    public int Length { get; }

    /// <summary>
    /// The encoder for <paramref name="name"/> (null: the default). Throws <see cref="ArgumentException"/>
    /// naming the encodings offered when the space has no such encoding.
    /// </summary>
    public static MotifEncoder For(ISearchSpace space, string? name)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (Problem(space, name) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        return name is null ? new MotifEncoder(space, null, space.EncodingLength) : new MotifEncoder(space, name, ((IMotifEncodings)space).EncodingLengthOf(name));
    }

    /// <summary>Why <paramref name="space"/> cannot encode by <paramref name="name"/>, or null when it can (always for null).</summary>
    public static string? Problem(ISearchSpace space, string? name)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (name is null)
        {
            return null;
        }

        var offered = (space as IMotifEncodings)?.EncodingNames ?? [];
        return offered.Contains(name, StringComparer.Ordinal)
            ? null
            : $"the search space ({space.Description}) offers no encoding '{name}'; " + (offered.Count == 0 ? "it has only its default encoding (leave 'encoding' out)" : $"offered: {string.Join(", ", offered)} (or leave 'encoding' out for the default)");
    }

    /// <summary>The motif's encoding, checked to have <see cref="Length"/> values.</summary>
    public double[] Encode(IMotif motif)
    {
        var values = (_name is null ? _space.Encode(motif) : ((IMotifEncodings)_space).Encode(motif, _name)).ToArray();
        return values.Length == Length
            ? values
            : throw new InvalidOperationException($"the search space encoded {motif.Key} with {values.Length} values, but its encoding{(_name is null ? "" : $" '{_name}'")} has {Length}");
    }
}
