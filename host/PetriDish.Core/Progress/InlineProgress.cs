namespace PetriDish.Core.Progress;

/// <summary>
/// Reports on the caller's thread, at once (unlike <see cref="Progress{T}"/>, which posts to the
/// thread pool and may deliver after the work has finished).
/// </summary>
internal sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
