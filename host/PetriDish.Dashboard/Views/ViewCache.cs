using System.Collections.Concurrent;

namespace PetriDish.Dashboard.Views;

/// <summary>Views by folder, each kept with the stamp of the files it was read from (see <see cref="FileStamp"/>).</summary>
internal sealed class ViewCache<T>
{
    private readonly ConcurrentDictionary<string, (string Stamp, T View)> _views = new(StringComparer.Ordinal);

    public T Get(string folder, string stamp, Func<T> read)
    {
        if (_views.TryGetValue(folder, out var kept) && kept.Stamp == stamp)
        {
            return kept.View;
        }

        var view = read();
        _views[folder] = (stamp, view);
        return view;
    }
}
