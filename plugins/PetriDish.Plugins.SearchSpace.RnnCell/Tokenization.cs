namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>How a corpus is cut into tokens.</summary>
public enum Tokenization
{
    /// <summary>One token per character (Tiny Shakespeare's usual form).</summary>
    Char,

    /// <summary>Whitespace-separated words with an end-of-sentence token per line (Penn Treebank's form).</summary>
    Word,
}
