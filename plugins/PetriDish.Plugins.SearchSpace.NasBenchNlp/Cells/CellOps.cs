namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>What the cell space says about each operation: its names, how many inputs it takes, whether their order matters.</summary>
public static class CellOps
{
    /// <summary>All operations, in the order of <see cref="CellOp"/> (the order of one-hot encodings).</summary>
    public static IReadOnlyList<CellOp> All { get; } = Enum.GetValues<CellOp>();

    /// <summary>The name in motif keys: <c>linear</c>, <c>blend</c>, <c>prod</c>, <c>sum</c>, <c>tanh</c>, <c>sigm</c>, <c>leaky_relu</c>.</summary>
    public static string KeyName(CellOp op) => op switch
    {
        CellOp.Linear => "linear",
        CellOp.Blend => "blend",
        CellOp.Prod => "prod",
        CellOp.Sum => "sum",
        CellOp.Tanh => "tanh",
        CellOp.Sigm => "sigm",
        CellOp.LeakyRelu => "leaky_relu",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    /// <summary>The name in the release's recipes: <c>linear</c>, <c>blend</c>, <c>elementwise_prod</c>, <c>activation_tanh</c>, …</summary>
    public static string RecipeName(CellOp op) => op switch
    {
        CellOp.Prod => "elementwise_prod",
        CellOp.Sum => "elementwise_sum",
        CellOp.Tanh => "activation_tanh",
        CellOp.Sigm => "activation_sigm",
        CellOp.LeakyRelu => "activation_leaky_relu",
        _ => KeyName(op),
    };

    /// <summary>Reads an operation by its key name or its recipe name.</summary>
    public static bool TryParse(string name, out CellOp op)
    {
        foreach (var candidate in All)
        {
            if (name == KeyName(candidate) || name == RecipeName(candidate))
            {
                op = candidate;
                return true;
            }
        }

        op = default;
        return false;
    }

    /// <summary>The fewest inputs the operation takes.</summary>
    public static int MinimumInputs(CellOp op) => op switch
    {
        CellOp.Linear => 2,
        CellOp.Blend => 3,
        CellOp.Prod or CellOp.Sum => 2,
        _ => 1,
    };

    /// <summary>The most inputs the operation takes.</summary>
    public static int MaximumInputs(CellOp op) => op switch
    {
        CellOp.Linear or CellOp.Blend => 3,
        CellOp.Prod or CellOp.Sum => 2,
        _ => 1,
    };

    /// <summary>True when the inputs' order does not matter (a linear's inputs are a set: one weight matrix each).</summary>
    public static bool IsCommutative(CellOp op) => op is CellOp.Linear or CellOp.Prod or CellOp.Sum;

    /// <summary>The allowed input counts, as text for error messages.</summary>
    public static string Arity(CellOp op) => MinimumInputs(op) == MaximumInputs(op)
        ? $"{MinimumInputs(op)} input{(MinimumInputs(op) == 1 ? "" : "s")}"
        : $"{MinimumInputs(op)}–{MaximumInputs(op)} inputs";

    /// <summary>Every key name, for error messages.</summary>
    public static string Names => string.Join(", ", All.Select(KeyName));
}
