namespace PetriDish.Core;

/// <summary>
/// A mistake in the input (a manifest, a file, an option value, a saved state): nothing was run or
/// changed. The message names what is wrong and where; the CLI prints it and exits with code 2.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string message)
        : base(message)
    {
    }

    public InvalidInputException()
        : base("invalid usage")
    {
    }

    public InvalidInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
