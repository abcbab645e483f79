namespace PetriDish.Cli;

/// <summary>Where <c>petridish evaluate</c> keeps ground truth between calls.</summary>
public static class CachePaths
{
    /// <summary><c>$PETRIDISH_CACHE</c>, else <c>$XDG_CACHE_HOME/petridish/ground-truth.sqlite</c>, else <c>~/.cache/petridish/ground-truth.sqlite</c>.</summary>
    public static string GroundTruth
    {
        get
        {
            if (Environment.GetEnvironmentVariable("PETRIDISH_CACHE") is { Length: > 0 } explicitPath)
            {
                return Path.GetFullPath(explicitPath);
            }

            var root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
            return Path.Combine(root, "petridish", "ground-truth.sqlite");
        }
    }
}
