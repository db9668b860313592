namespace HeeBot.IndexBuilder;

/// <summary>Process exit codes of heebot-index.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The work ran but its result is not good enough: eval below a minimum, a build refused by its gate.</summary>
    public const int Failed = 1;

    /// <summary>The command line is wrong: unknown command or option, missing or out-of-range value.</summary>
    public const int BadUsage = 2;

    /// <summary>An input file or folder is wrong: missing, unreadable, malformed; the message names it.</summary>
    public const int BadInput = 3;

    /// <summary>The embedding model cannot be loaded; the message names what is missing. <c>--retrieval lexical</c> runs without it.</summary>
    public const int ModelUnavailable = 4;
}
