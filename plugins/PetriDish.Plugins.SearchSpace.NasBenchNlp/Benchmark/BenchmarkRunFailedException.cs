namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;

/// <summary>The release trained the cell, and every run of it failed (the logs say <c>loss is nan!</c>): a failed evaluation, with the recorded reason.</summary>
public sealed class BenchmarkRunFailedException : Exception
{
    public BenchmarkRunFailedException(string message)
        : base(message)
    {
    }

    public BenchmarkRunFailedException()
    {
    }

    public BenchmarkRunFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
