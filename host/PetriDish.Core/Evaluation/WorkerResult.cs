namespace PetriDish.Core.Evaluation;

/// <summary>
/// What one out-of-process evaluation (<c>petridish evaluate --result FILE</c>) writes for the executor
/// that launched it: the value, or the error.
/// </summary>
internal sealed record WorkerResult
{
    public required string Motif { get; init; }

    public required string Fidelity { get; init; }

    public required int Seed { get; init; }

    public double? Value { get; init; }

    public string? Metric { get; init; }

    public string? Error { get; init; }

    public IReadOnlyDictionary<string, double>? Details { get; init; }

    public double Seconds { get; init; }

    /// <summary>Writes the result atomically (a temporary file renamed into place), so a reader never sees half of it.</summary>
    public void Write(string path) =>
        Reports.AtomicFile.WriteAllText(path, Newtonsoft.Json.JsonConvert.SerializeObject(this, Newtonsoft.Json.Formatting.Indented));

    /// <summary>Reads a result file, or null if there is none (yet).</summary>
    public static WorkerResult? Read(string path) =>
        File.Exists(path) ? Newtonsoft.Json.JsonConvert.DeserializeObject<WorkerResult>(File.ReadAllText(path)) : null;
}
