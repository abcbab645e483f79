using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Plugins.SearchSpace.RnnCell.Data;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.RnnCell;

public sealed class CorpusTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>Text in the Penn Treebank's form: lower case, one sentence a line, &lt;unk&gt; and N for rare words and numbers.</summary>
    private string WritePtb(string folder, int lines)
    {
        var random = new Random(5);
        string[] sentences =
        [
            "the market fell N points", "analysts in new york said shares rose", "the <unk> company said its shares fell",
            "shares of the company rose N points in new york", "the market rose", "analysts said the <unk> fell",
        ];
        string Sentence() => " " + sentences[random.Next(sentences.Length)] + " ";
        foreach (var split in new[] { "train", "valid", "test" })
        {
            _temp.Write($"{folder}/ptb.{split}.txt", string.Join('\n', Enumerable.Range(0, split == "train" ? lines : lines / 5).Select(_ => Sentence())) + "\n");
        }

        return _temp.File(folder);
    }

    [Fact]
    public void The_embedded_tiny_shakespeare_is_split_90_5_5_by_characters()
    {
        var corpus = CorpusLocator.Load(CorpusLocator.TinyShakespeare, Tokenization.Char, 10000, RepoPaths.Root);

        var total = corpus.Train.Length + corpus.Valid.Length + corpus.Test.Length;
        Assert.Equal(1115394, total);
        Assert.Equal(1003854, corpus.Train.Length);
        Assert.Equal("First Citizen:", string.Concat(corpus.Train.Take(14).Select(i => corpus.Vocabulary[i])));
        Assert.Equal(66, corpus.Vocabulary.Count); // 65 characters and <unk>
    }

    [Fact]
    public void A_ptb_directory_is_read_word_by_word_with_an_end_of_sentence_per_line_and_a_capped_vocabulary()
    {
        var folder = WritePtb("ptb", 200);

        var corpus = CorpusLocator.Load(folder, Tokenization.Word, vocabularyCap: 10, RepoPaths.Root);

        Assert.Equal(10, corpus.Vocabulary.Count);
        Assert.Equal("<unk>", corpus.Vocabulary[^1]);
        Assert.Contains("<eos>", corpus.Vocabulary);
        var firstLine = File.ReadAllLines(Path.Combine(folder, "ptb.train.txt"))[0].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(firstLine.Length + 1, corpus.Train.TakeWhile(i => corpus.Vocabulary[i] != "<eos>").Count() + 1);
        Assert.Equal(File.ReadAllLines(Path.Combine(folder, "ptb.valid.txt")).Count(l => l.Trim().Length > 0), corpus.Valid.Count(i => corpus.Vocabulary[i] == "<eos>"));
    }

    [Fact]
    public void Word_tokens_of_a_line_end_with_eos_and_blank_lines_vanish()
    {
        Assert.Equal(["a", "b", "<eos>", "c", "<eos>"], CorpusLocator.Tokenize(" a  b \n\n c\n", Tokenization.Word));
        Assert.Equal(["a", "\n", "b"], CorpusLocator.Tokenize("a\nb", Tokenization.Char));
    }

    [Fact]
    public void A_missing_corpus_file_is_named()
    {
        var folder = WritePtb("partial", 20);
        File.Delete(Path.Combine(folder, "ptb.valid.txt"));

        var problems = CorpusLocator.Check(folder, RepoPaths.Root).ToList();

        Assert.Contains("lacks ptb.valid.txt", Assert.Single(problems), StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Single(CorpusLocator.Check(_temp.File("nowhere"), RepoPaths.Root)), StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_corpus_is_refused_clearly()
    {
        foreach (var split in new[] { "train", "valid", "test" })
        {
            _temp.Write($"empty/{split}.txt", split == "train" ? "\n\n" : "some words here\n");
        }

        var error = Assert.Throws<InvalidDataException>(() => CorpusLocator.Load(_temp.File("empty"), Tokenization.Word, 100, RepoPaths.Root));

        Assert.Contains("the training text is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tiny_language_model_on_ptb_format_text_gives_a_finite_perplexity_below_the_vocabulary()
    {
        var folder = WritePtb("lm", 400);
        var space = new RnnCellSearchSpace(
            new RnnCellSettings { GroundTruth = new LanguageModelSettings { Corpus = folder, EmbeddingSize = 16, HiddenSize = 16, Bptt = 10, BatchSize = 8, Epochs = 1, LearningRate = 0.01 } },
            TestContexts.Plugin());

        var result = await space.GroundTruth.EvaluateAsync(space.Parse(RnnCellSearchSpaceTests.PublishedNaoCell), PetriDish.Abstractions.Fidelity.Full, 1, null, CancellationToken.None);

        Assert.True(double.IsFinite(result.Value));
        // The sentences are a handful of fixed ones: far more predictable than a uniform guess.
        Assert.InRange(result.Value, 1.0, result.Details!["vocabulary"] / 2);
        Assert.Equal("validation-perplexity", space.GroundTruth.Metric.Name);
    }
}
