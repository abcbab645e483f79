namespace PetriDish.Abstractions;

/// <summary>One member of a surrogate's ensemble after one step of its fit.</summary>
/// <param name="Member">The ensemble member, from 0 (0 for a surrogate of one model).</param>
/// <param name="Step">0: before the first step; s: after s steps.</param>
/// <param name="Figures">The surrogate's own numbers at this step, by name (for example its training loss).</param>
/// <param name="ProbeScores">One score per probe of the <see cref="FitTrace"/>, higher meaning predicted better; only their order is meaningful.</param>
public sealed record FitTraceRecord(int Member, int Step, IReadOnlyDictionary<string, double> Figures, IReadOnlyList<double> ProbeScores);
