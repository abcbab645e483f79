namespace PetriDish.Core.Manifest;

/// <summary>
/// The parts of a manifest that a command uses beyond the plugins: its data files and its search. What a
/// command does not use it does not require: <c>evaluate</c> writes the reference curve and the
/// observations that <c>run</c> and <c>compare</c> later read, so it must not refuse a manifest whose
/// files do not exist yet, nor one that has no search budget.
/// </summary>
[Flags]
internal enum ManifestReads
{
    /// <summary>Neither file nor the search (<c>evaluate</c>, <c>rank</c>, <c>compare --observations FILE</c>).</summary>
    None = 0,

    /// <summary><c>search.reference</c>, the known curve a search's report ranks its best against (<c>run</c>, <c>benchmark</c>).</summary>
    Reference = 1,

    /// <summary><c>compare.observations</c>, the ground truth <c>compare</c> fits and tests on.</summary>
    Observations = 2,

    /// <summary>The search: its budget must stop it (<c>run</c>, <c>benchmark</c>).</summary>
    Search = 4,

    /// <summary>Everything: what <c>validate</c> and the C# API check, so that every command accepts what they accept.</summary>
    All = Reference | Observations | Search,
}
