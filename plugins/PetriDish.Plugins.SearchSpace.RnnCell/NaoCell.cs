using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// A recurrent cell of the NAO/ENAS space: after the input node 0, each node i (1…N) takes the state
/// of one earlier node and an activation. Key: <c>nao-cell:</c> followed by the pairs
/// <c>input activation</c> of nodes 1…N, e.g. NAO's published cell
/// <c>nao-cell:0 1 0 1 1 1 3 0 4 1 4 1 5 1 1 1 7 1 1 1 1 2</c>.
/// </summary>
public sealed class NaoCell : IMotif, IEquatable<NaoCell>
{
    public const string Prefix = "nao-cell:";

    public NaoCell(IReadOnlyList<int> inputs, IReadOnlyList<CellActivation> activations)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(activations);
        Inputs = [.. inputs];
        Activations = [.. activations];
        Key = Prefix + string.Join(' ', Inputs.Zip(Activations, (input, activation) => string.Create(CultureInfo.InvariantCulture, $"{input} {(int)activation}")));
    }

    /// <summary>For node i (1-based) at index i−1: the earlier node it reads (0 = the input node).</summary>
    public IReadOnlyList<int> Inputs { get; }

    /// <summary>For node i (1-based) at index i−1: its activation.</summary>
    public IReadOnlyList<CellActivation> Activations { get; }

    public int Nodes => Inputs.Count;

    public string Key { get; }

    public bool Equals(NaoCell? other) => other is not null && other.Key == Key;

    public override bool Equals(object? obj) => Equals(obj as NaoCell);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Key);

    public override string ToString() => Key;
}
