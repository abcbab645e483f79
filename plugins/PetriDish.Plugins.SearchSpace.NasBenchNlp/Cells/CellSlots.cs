namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// How a node's inputs are numbered: slot 0 is the cell's input <c>x</c>, slots 1–3 the previous
/// hidden states <c>h_prev_0…2</c>, slot 4 + i the i-th node of the cell (in canonical order).
/// </summary>
public static class CellSlots
{
    /// <summary>The most hidden states a cell carries (the release's limit).</summary>
    public const int MaxHiddenStates = 3;

    /// <summary>The slot of the input <c>x</c>.</summary>
    public const int Input = 0;

    /// <summary>The slot of node 0; earlier slots are the cell's inputs.</summary>
    public const int FirstNode = 1 + MaxHiddenStates;

    /// <summary>The slot of <c>h_prev_j</c>.</summary>
    public static int Previous(int j) => 1 + j;

    /// <summary>The slot of node <paramref name="index"/>.</summary>
    public static int Node(int index) => FirstNode + index;

    /// <summary>The name of an input slot (<c>x</c>, <c>h_prev_j</c>).</summary>
    public static string InputName(int slot) => slot == Input ? "x" : $"h_prev_{slot - 1}";

    /// <summary>The name of the new hidden state j.</summary>
    public static string OutputName(int j) => $"h_new_{j}";
}
