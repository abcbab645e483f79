namespace PetriDish.Cli;

/// <summary>Process exit codes of <c>petridish</c>.</summary>
public static class ExitCodes
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>Something failed while running (a plugin threw, a file could not be written, ...).</summary>
    public const int RuntimeFailure = 1;

    /// <summary>The command line or the manifest is wrong; nothing was run.</summary>
    public const int UsageError = 2;

    /// <summary>Interrupted (Ctrl-C; SIGTERM and SIGHUP end with 143 and 129); the work done so far is stored.</summary>
    public const int Interrupted = 130;
}
