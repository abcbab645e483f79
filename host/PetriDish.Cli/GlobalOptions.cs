using System.CommandLine;

namespace PetriDish.Cli;

/// <summary>Options every command accepts.</summary>
internal static class GlobalOptions
{
    public static Option<string[]> Plugins { get; } = new("--plugins")
    {
        Description = "An extra folder to load plugins from (a plugin's build output, or a folder of plugin folders). Repeatable.",
        Recursive = true,
        Arity = ArgumentArity.ZeroOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    public static Option<bool> Verbose { get; } = new("--verbose", "-v")
    {
        Description = "Log more, and show stack traces of failures.",
        Recursive = true,
    };
}
