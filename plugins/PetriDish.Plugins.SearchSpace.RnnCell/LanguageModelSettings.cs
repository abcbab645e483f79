using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// The ground truth of a cell: embedding → cell → softmax language model, trained with truncated
/// back-propagation through time and scored by validation perplexity (lower is better).
/// </summary>
public sealed class LanguageModelSettings
{
    [Description("'tiny-shakespeare' (embedded), a directory with ptb.train.txt, ptb.valid.txt, ptb.test.txt (Penn Treebank, never committed), or a directory with train.txt, valid.txt, test.txt.")]
    [MinLength(1)]
    public string Corpus { get; init; } = "tiny-shakespeare";

    [Description("char or word; default: char for tiny-shakespeare, word otherwise.")]
    public Tokenization? Tokenization { get; init; }

    [Description("Keep the most frequent tokens (the rest become <unk>).")]
    [Range(2, 1000000)]
    public int VocabularyCap { get; init; } = 10000;

    [Range(1, 4096)]
    public int EmbeddingSize { get; init; } = 64;

    [Range(1, 4096)]
    public int HiddenSize { get; init; } = 64;

    [Description("Truncated back-propagation length.")]
    [Range(1, 10000)]
    public int Bptt { get; init; } = 35;

    [Range(1, 4096)]
    public int BatchSize { get; init; } = 32;

    [Range(0.001, 1000.0)]
    public double Epochs { get; init; } = 1;

    [Range(1e-8, 100.0)]
    public double LearningRate { get; init; } = 0.002;

    [Description("adam or sgd.")]
    public LanguageModelOptimizer Optimizer { get; init; } = LanguageModelOptimizer.Adam;

    [Description("Clip the gradient's norm to this.")]
    [Range(0.0, 1000.0)]
    public double GradientClip { get; init; } = 1.0;

    [Description("Weights start uniform in ±initRange.")]
    [Range(1e-6, 10.0)]
    public double InitRange { get; init; } = 0.1;

    [Description("Fraction of the training tokens used (a low-fidelity knob; partial evaluation lowers it further).")]
    [Range(0.0001, 1.0)]
    public double DataFraction { get; init; } = 1.0;

    [Description("Validate on at most this many tokens (validation dominates short runs otherwise).")]
    [Range(100, int.MaxValue)]
    public int ValidationTokens { get; init; } = 50000;

    [Description("Independent training runs whose perplexities are averaged.")]
    [Range(1, 100)]
    public int Repeats { get; init; } = 1;
}
