namespace PetriDish.Abstractions;

/// <summary>
/// A candidate architectural motif: an activation function, a recurrent cell, ... Immutable.
/// </summary>
public interface IMotif
{
    /// <summary>
    /// The canonical text form, unique within its search space; <see cref="ISearchSpace.Parse"/> of it
    /// gives back an equal motif (e.g. <c>sigmoid-slope:0.25</c>, <c>nao-cell:0 1 0 1 …</c>).
    /// </summary>
    string Key { get; }
}
