using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Optimizer.Nao;

/// <summary>Settings of NAO. Sizes follow the reference implementation; epochs fit a 2-core machine.</summary>
public sealed class NaoSettings
{
    [Description("Token embedding size of encoder and decoder.")]
    [Range(1, 4096)]
    public int EmbeddingSize { get; init; } = 96;

    [Description("LSTM hidden size of encoder and decoder (the continuous architecture embedding).")]
    [Range(1, 4096)]
    public int HiddenSize { get; init; } = 96;

    [Description("Hidden layers of the performance predictor (an MLP on the embedding).")]
    [MinLength(1)]
    public IReadOnlyList<int> PredictorLayers { get; init; } = [200, 200, 200];

    [Description("Training epochs over the observed motifs, per proposal round.")]
    [Range(1, 100000)]
    public int Epochs { get; init; } = 200;

    [Range(1, 4096)]
    public int BatchSize { get; init; } = 32;

    [Range(1e-8, 10.0)]
    public double LearningRate { get; init; } = 0.001;

    [Range(0.0, 1.0)]
    public double WeightDecay { get; init; } = 1e-4;

    [Description("Weight of the prediction loss; the reconstruction loss gets 1 − this (NAO: 0.8).")]
    [Range(0.0, 1.0)]
    public double TradeOff { get; init; } = 0.8;

    [Description("How many of the best motifs so far seed the proposals.")]
    [Range(1, 100000)]
    public int SeedMotifs { get; init; } = 20;

    [Description("First step size λ along the predictor's gradient; λ grows by the same amount until enough new motifs are found.")]
    [Range(1e-6, 1e6)]
    public double LambdaStep { get; init; } = 10;

    [Description("Stop growing λ here; proposals still missing are filled with mutations of the best motifs.")]
    [Range(1e-6, 1e9)]
    public double MaxLambda { get; init; } = 500;
}
