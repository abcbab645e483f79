namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// A node as a recipe or a hand-written key names it: any name, an operation and the names of its
/// inputs (<c>x</c>, <c>h_prev_j</c> or other nodes). <see cref="CellCanonicalizer"/> turns a list of
/// these into a cell.
/// </summary>
public sealed record NamedNode(string Name, CellOp Op, IReadOnlyList<string> Inputs);
