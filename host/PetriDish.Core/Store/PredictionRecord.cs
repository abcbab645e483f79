namespace PetriDish.Core.Store;

/// <summary>A surrogate's score for one motif in one iteration.</summary>
internal sealed record PredictionRecord(int Iteration, string Surrogate, string Motif, double Score);
