using PetriDish.Core.Manifest;
using PetriDish.Core.Progress;
using PetriDish.Core.Search;

namespace PetriDish.Core;

/// <summary>
/// A search described step by step, in the manner of ML.NET AutoML's experiments:
/// <c>session.Search(manifest).InFolder("runs/demo").WithProgress(sink).RunAsync(cancellationToken)</c>.
/// The same parts as <c>petridish run</c>; each method returns a new builder, so a configured one can be reused.
/// </summary>
public sealed record SearchBuilder
{
    private readonly PetriDishSession _session;
    private readonly ValidatedManifest _manifest;

    internal SearchBuilder(PetriDishSession session, ValidatedManifest manifest)
    {
        _session = session;
        _manifest = manifest;
    }

    private string? Folder { get; init; }

    private string? SharedCache { get; init; }

    private IProgressSink? Progress { get; init; }

    /// <summary>The run folder (default: <c>runs/&lt;name&gt;-&lt;time&gt;</c>); it must not hold a run yet.</summary>
    public SearchBuilder InFolder(string folder) => this with { Folder = folder };

    /// <summary>A ground-truth database shared with other runs (<c>petridish run --cache</c>).</summary>
    public SearchBuilder WithSharedCache(string database) => this with { SharedCache = database };

    /// <summary>Where progress goes (fraction and status, and log lines).</summary>
    public SearchBuilder WithProgress(IProgressSink progress) => this with { Progress = progress };

    /// <summary>Runs the search to its budget; cancelling keeps every finished evaluation (resume with <see cref="PetriDishSession.ResumeAndRunSearchAsync"/>).</summary>
    public async Task<SearchRunResult> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var run = await _session.StartSearchAsync(_manifest, Folder, SharedCache, cancellationToken).ConfigureAwait(false);
        return await run.ExecuteAsync(Progress, cancellationToken).ConfigureAwait(false);
    }
}
