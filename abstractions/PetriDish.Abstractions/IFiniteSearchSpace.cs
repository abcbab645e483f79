namespace PetriDish.Abstractions;

/// <summary>
/// Optional for an <see cref="ISearchSpace"/> whose motifs can be listed: a grid of parameters, a
/// small cell space. The host then evaluates the whole space (<c>petridish evaluate --all</c>), and
/// random search draws without replacement, so a budget near the space's size is not spent on repeats.
/// </summary>
public interface IFiniteSearchSpace
{
    /// <summary>The number of distinct motifs in the space.</summary>
    long Count { get; }

    /// <summary>Every motif of the space once, in a stable order (the same on every call and machine).</summary>
    IEnumerable<IMotif> Enumerate();
}
