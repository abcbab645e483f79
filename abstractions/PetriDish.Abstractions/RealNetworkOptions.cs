namespace PetriDish.Abstractions;

/// <summary>How <see cref="IRealNetworks.Build"/> builds a network.</summary>
/// <param name="BatchNorm">
/// Whether the network keeps its batch normalisations. Synflow builds without them (as its authors
/// and NASLib do): on its all-ones input a batch norm would map every feature map to zero.
/// </param>
public sealed record RealNetworkOptions(bool BatchNorm = true);
