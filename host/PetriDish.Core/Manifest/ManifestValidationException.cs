namespace PetriDish.Core.Manifest;

/// <summary>A manifest with one or more problems; carries all of them.</summary>
public sealed class ManifestValidationException : Exception
{
    public ManifestValidationException(IReadOnlyList<ManifestError> errors)
        : base(Describe(errors))
    {
        Errors = errors;
    }

    public ManifestValidationException(string message)
        : this([new ManifestError("(manifest)", "$", null, message)])
    {
    }

    public ManifestValidationException()
        : this("invalid manifest")
    {
    }

    public ManifestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [new ManifestError("(manifest)", "$", null, message)];
    }

    public IReadOnlyList<ManifestError> Errors { get; }

    private static string Describe(IReadOnlyList<ManifestError> errors) =>
        $"{errors.Count} problem{(errors.Count == 1 ? "" : "s")} in the manifest:{Environment.NewLine}{string.Join(Environment.NewLine, errors)}";
}
