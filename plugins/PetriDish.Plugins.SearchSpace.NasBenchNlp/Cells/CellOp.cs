namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>The node operations of the NAS-Bench-NLP cell space.</summary>
public enum CellOp
{
    /// <summary>Σᵢ Wᵢ·inputᵢ + b over 2–3 inputs, a weight matrix per input.</summary>
    Linear,

    /// <summary>z ⊙ a + (1 − z) ⊙ b over the inputs (z, a, b), in that order.</summary>
    Blend,

    /// <summary>a ⊙ b.</summary>
    Prod,

    /// <summary>a + b.</summary>
    Sum,

    /// <summary>tanh(a).</summary>
    Tanh,

    /// <summary>σ(a).</summary>
    Sigm,

    /// <summary>LeakyReLU(a), negative slope 0.01 (PyTorch's default, which the release uses).</summary>
    LeakyRelu,
}
