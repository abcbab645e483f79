using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.NasBench201.Cells;

/// <summary>NAO's form of a cell: its six edge operations, token = operation + 1 (0 is reserved).</summary>
internal sealed class CellTokenForm : ITokenForm
{
    private static readonly IReadOnlyList<int> OpTokens = [.. CellOps.All.Select(op => (int)op + 1)];

    public int VocabularySize => CellOps.All.Count + 1;

    public int Length => Nb201Cell.EdgeCount;

    public IReadOnlyList<int> ToTokens(IMotif motif) =>
        [.. (motif as Nb201Cell ?? throw new ArgumentException($"'{motif?.Key}' is not a NAS-Bench-201 cell", nameof(motif))).Ops.Select(op => (int)op + 1)];

    public IMotif FromTokens(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        if (tokens.Count != Length || tokens.Any(t => t < 1 || t >= VocabularySize))
        {
            throw new MotifFormatException(string.Join(' ', tokens), $"a cell is {Length} tokens, each 1…{VocabularySize - 1} (an edge's operation + 1)");
        }

        return new Nb201Cell([.. tokens.Select(t => (CellOp)(t - 1))]);
    }

    public IReadOnlyList<int> AllowedTokens(int position) => OpTokens;
}
