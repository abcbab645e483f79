namespace PetriDish.Plugins.Optimizer.Nao;

/// <summary>How one NAO training round went.</summary>
/// <param name="Motifs">Observations trained on.</param>
/// <param name="PredictionLoss">Final mean squared error of the normalised performance.</param>
/// <param name="ReconstructionLoss">Final cross-entropy of the reconstructed tokens.</param>
/// <param name="TokenAccuracy">Fraction of the training motifs' tokens the decoder reproduces greedily.</param>
public sealed record NaoTrainingReport(int Motifs, double PredictionLoss, double ReconstructionLoss, double TokenAccuracy);
