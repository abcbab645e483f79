namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>A node of a canonical cell.</summary>
/// <param name="Op">The operation.</param>
/// <param name="Inputs">
/// The input slots (see <see cref="CellSlots"/>): the cell's input <c>x</c>, a previous hidden state, or
/// an earlier node. Sorted for commutative operations; (z, a, b) for a blend.
/// </param>
/// <param name="Output">j when this node is the new hidden state <c>h_new_j</c>, else −1.</param>
public sealed record CellNode(CellOp Op, IReadOnlyList<int> Inputs, int Output)
{
    /// <summary>True for the node that produces a new hidden state.</summary>
    public bool IsOutput => Output >= 0;
}
