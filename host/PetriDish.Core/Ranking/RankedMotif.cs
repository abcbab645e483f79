using PetriDish.Abstractions;

namespace PetriDish.Core.Ranking;

/// <summary>A candidate with its place in a surrogate's ranking.</summary>
/// <param name="Rank">1 for the candidate predicted best.</param>
/// <param name="Motif">The candidate.</param>
/// <param name="Score">The surrogate's score: higher is predicted better.</param>
internal sealed record RankedMotif(int Rank, IMotif Motif, double Score);
