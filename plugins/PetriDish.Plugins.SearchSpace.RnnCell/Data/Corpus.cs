namespace PetriDish.Plugins.SearchSpace.RnnCell.Data;

/// <summary>A tokenised corpus: token ids of its splits and the vocabulary they index.</summary>
/// <param name="Identity">Identifies the corpus for the ground-truth cache (origin, tokenisation, content hash).</param>
/// <param name="Train">Training token ids.</param>
/// <param name="Valid">Validation token ids (the ground truth's score).</param>
/// <param name="Test">Test token ids.</param>
/// <param name="Vocabulary">Token strings by id.</param>
public sealed record Corpus(string Identity, int[] Train, int[] Valid, int[] Test, IReadOnlyList<string> Vocabulary);
