namespace PetriDish.Abstractions;

/// <summary>Progress of a long piece of work.</summary>
/// <param name="Fraction">Done so far, in [0, 1].</param>
/// <param name="Message">What is happening, e.g. <c>repeat 2/3, epoch 4/5</c>.</param>
public sealed record ProgressUpdate(double Fraction, string Message);
