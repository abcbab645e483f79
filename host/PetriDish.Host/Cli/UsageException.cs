namespace PetriDish.Host.Cli;

/// <summary>A mistake in how a command was called (exit code 2): bad option values, missing files, ...</summary>
public sealed class UsageException : Exception
{
    public UsageException(string message)
        : base(message)
    {
    }

    public UsageException()
        : base("invalid usage")
    {
    }

    public UsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
