using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Surrogate.Linear;

/// <summary>Settings of the linear surrogate.</summary>
public sealed class LinearSettings
{
    [Description("Ridge penalty on the (standardised) coefficients; a small value keeps collinear encodings solvable.")]
    [Range(0.0, 1e6)]
    public double Ridge { get; init; } = 1e-6;
}
