namespace PetriDish.Abstractions;

/// <summary>A motif key that its search space cannot parse, or a motif outside the space.</summary>
public sealed class MotifFormatException : FormatException
{
    /// <summary>Creates the exception for <paramref name="key"/>, saying why it was refused.</summary>
    public MotifFormatException(string key, string reason)
        : base($"invalid motif '{key}': {reason}")
    {
        Key = key;
        Reason = reason;
    }

    /// <summary>The refused key.</summary>
    public string Key { get; }

    /// <summary>Why it was refused.</summary>
    public string Reason { get; }
}
