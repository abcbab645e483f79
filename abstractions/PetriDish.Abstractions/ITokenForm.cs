namespace PetriDish.Abstractions;

/// <summary>
/// A fixed-length token sequence for every motif, as sequence models (NAO's encoder and decoder) need.
/// Token 0 is reserved (start and end of sequence); motif tokens are 1 … <see cref="VocabularySize"/> − 1.
/// </summary>
public interface ITokenForm
{
    /// <summary>The number of distinct tokens, including the reserved 0.</summary>
    int VocabularySize { get; }

    /// <summary>The number of tokens of every motif.</summary>
    int Length { get; }

    /// <summary>The motif's tokens.</summary>
    IReadOnlyList<int> ToTokens(IMotif motif);

    /// <summary>The motif of a token sequence; throws <see cref="MotifFormatException"/> if it is not valid.</summary>
    IMotif FromTokens(IReadOnlyList<int> tokens);

    /// <summary>The tokens that may stand at <paramref name="position"/>: the validity constraints a decoder obeys.</summary>
    IReadOnlyList<int> AllowedTokens(int position);
}
