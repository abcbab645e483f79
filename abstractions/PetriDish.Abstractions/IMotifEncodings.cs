namespace PetriDish.Abstractions;

/// <summary>
/// A search space that offers named fixed-length encodings besides its default
/// (<see cref="ISearchSpace.Encode"/>), for example counts of a cell's operations as a simple
/// baseline. Encoding-based surrogates choose one by name with their <c>encoding</c> setting.
/// </summary>
public interface IMotifEncodings
{
    /// <summary>The names of the encodings offered besides the default, e.g. <c>op-counts</c>.</summary>
    IReadOnlyList<string> EncodingNames { get; }

    /// <summary>The length of the named encoding, the same for every motif.</summary>
    int EncodingLengthOf(string name);

    /// <summary>The motif's named encoding.</summary>
    IReadOnlyList<double> Encode(IMotif motif, string name);
}
