using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// NAO's token form of a cell: per node, its input node + 1 (1…K) then its activation + K + 1
/// (K+1…K+4); with K = 11 that is the vocabulary of 16 tokens, 0 being start/end of sequence.
/// </summary>
public sealed class NaoTokenForm(int nodes) : ITokenForm
{
    private readonly int _activationBase = nodes + 1;

    public int VocabularySize => nodes + 5;

    public int Length => 2 * nodes;

    public IReadOnlyList<int> ToTokens(IMotif motif)
    {
        var cell = motif as NaoCell ?? throw new ArgumentException($"'{motif?.Key}' is not a cell", nameof(motif));
        var tokens = new int[Length];
        for (var node = 0; node < nodes; node++)
        {
            tokens[2 * node] = cell.Inputs[node] + 1;
            tokens[(2 * node) + 1] = (int)cell.Activations[node] + _activationBase;
        }

        return tokens;
    }

    public IMotif FromTokens(IReadOnlyList<int> tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var shown = "tokens " + string.Join(' ', tokens);
        if (tokens.Count != Length)
        {
            throw new MotifFormatException(shown, $"a cell has {Length} tokens, not {tokens.Count}");
        }

        var inputs = new int[nodes];
        var activations = new CellActivation[nodes];
        for (var node = 0; node < nodes; node++)
        {
            var input = tokens[2 * node] - 1;
            var activation = tokens[(2 * node) + 1] - _activationBase;
            if (input < 0 || input > node)
            {
                throw new MotifFormatException(shown, $"token {tokens[2 * node]} at position {2 * node} is not an earlier node of node {node + 1} (allowed 1…{node + 1})");
            }

            if (activation is < 0 or > 3)
            {
                throw new MotifFormatException(shown, $"token {tokens[(2 * node) + 1]} at position {(2 * node) + 1} is not an activation ({_activationBase}…{_activationBase + 3})");
            }

            inputs[node] = input;
            activations[node] = (CellActivation)activation;
        }

        return new NaoCell(inputs, activations);
    }

    public IReadOnlyList<int> AllowedTokens(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, Length);
        return position % 2 == 0
            ? [.. Enumerable.Range(1, (position / 2) + 1)]
            : [.. Enumerable.Range(_activationBase, 4)];
    }
}
