using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.Activation;

/// <summary>An activation function of a family with one parameter value, e.g. <c>sigmoid-slope:0.25</c>.</summary>
public sealed record ActivationMotif(ActivationFamily Family, double Parameter) : IMotif
{
    /// <summary>Family name, colon, the parameter in invariant round-trip form.</summary>
    public string Key { get; } = ActivationFunctions.Name(Family) + ":" + Parameter.ToString("R", CultureInfo.InvariantCulture);

    public override string ToString() => Key;
}
