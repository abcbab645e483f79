using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// Three tokens per function, b u₁ u₂: binary operators are tokens 1–8, unary operators 9–32 (token 0
/// is reserved). A decoded sequence is canonicalised, so two sequences may name one function.
/// </summary>
internal sealed class ExpressionTokenForm : ITokenForm
{
    private const int FirstUnaryToken = 1 + 8;

    private static readonly int[] BinaryTokens = [.. ExpressionOperators.Binary.Select(b => 1 + (int)b)];
    private static readonly int[] UnaryTokens = [.. ExpressionOperators.Unary.Select(u => FirstUnaryToken + (int)u)];

    public int VocabularySize => FirstUnaryToken + ExpressionOperators.Unary.Count;

    public int Length => 3;

    public IReadOnlyList<int> ToTokens(IMotif motif) => motif is ExpressionMotif e
        ? [1 + (int)e.Binary, FirstUnaryToken + (int)e.First, FirstUnaryToken + (int)e.Second]
        : throw new ArgumentException($"'{motif?.Key}' is not a composed activation function", nameof(motif));

    public IMotif FromTokens(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var text = string.Join(" ", tokens);
        if (tokens.Count != Length)
        {
            throw new MotifFormatException(text, $"a composed function has {Length} tokens, not {tokens.Count}");
        }

        for (var position = 0; position < Length; position++)
        {
            if (!AllowedTokens(position).Contains(tokens[position]))
            {
                throw new MotifFormatException(text, $"token {tokens[position]} cannot stand at position {position} (a {(position == 0 ? "binary" : "unary")} operator's token is expected)");
            }
        }

        return ExpressionCatalog.Instance.Canonical(new ExpressionMotif(
            (BinaryOperator)(tokens[0] - 1), (UnaryOperator)(tokens[1] - FirstUnaryToken), (UnaryOperator)(tokens[2] - FirstUnaryToken)));
    }

    public IReadOnlyList<int> AllowedTokens(int position) => position switch
    {
        0 => BinaryTokens,
        1 or 2 => UnaryTokens,
        _ => throw new ArgumentOutOfRangeException(nameof(position), position, $"a composed function has {Length} tokens"),
    };
}
