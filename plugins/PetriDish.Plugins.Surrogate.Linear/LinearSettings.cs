using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Surrogate.Linear;

/// <summary>Settings of the linear surrogate.</summary>
public sealed class LinearSettings
{
    [Description("Ridge penalty on the (standardised) coefficients; a small value keeps collinear encodings solvable.")]
    [Range(0.0, 1e6)]
    public double Ridge { get; init; } = 1e-6;

    [Description("Which of the search space's encodings to learn from: null for its default; a name it offers, such as 'op-counts' for NAS-Bench-NLP cells (the count of each operation).")]
    public string? Encoding { get; init; }
}
