namespace PetriDish.Abstractions;

/// <summary>The single real parameter of a one-dimensional motif family, e.g. a sigmoid's slope.</summary>
public interface IMotifAxis
{
    /// <summary>The parameter's name, e.g. <c>slope c</c>.</summary>
    string Name { get; }

    /// <summary>The smallest value in the space.</summary>
    double Minimum { get; }

    /// <summary>The largest value in the space.</summary>
    double Maximum { get; }

    /// <summary>The parameter value of a motif of this space.</summary>
    double PositionOf(IMotif motif);

    /// <summary>The motif at <paramref name="position"/> (within [Minimum, Maximum]).</summary>
    IMotif At(double position);
}
