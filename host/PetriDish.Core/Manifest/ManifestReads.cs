namespace PetriDish.Core.Manifest;

/// <summary>
/// The data files of a manifest that a command opens. A file a command does not open is not required
/// by it: <c>evaluate</c> writes the reference curve and the observations that <c>run</c> and
/// <c>compare</c> later read, so it must not refuse a manifest whose files do not exist yet.
/// </summary>
[Flags]
internal enum ManifestReads
{
    /// <summary>Neither file (<c>evaluate</c>, <c>rank</c>, <c>compare --observations FILE</c>).</summary>
    None = 0,

    /// <summary><c>search.reference</c>, the known curve a search's report ranks its best against (<c>run</c>, <c>benchmark</c>).</summary>
    Reference = 1,

    /// <summary><c>compare.observations</c>, the ground truth <c>compare</c> fits and tests on.</summary>
    Observations = 2,

    /// <summary>Both: what <c>validate</c> and the C# API check, so that every command accepts what they accept.</summary>
    All = Reference | Observations,
}
