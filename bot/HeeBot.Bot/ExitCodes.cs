namespace HeeBot.Bot;

/// <summary>Exit codes of the app's commands (<c>teams-app</c>, <c>report</c>), the same numbers as heebot-index's.</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The command line is wrong: unknown option, missing or malformed value; the message names it.</summary>
    public const int BadUsage = 2;

    /// <summary>A file or database is missing, unreadable or cannot be written; the message names it.</summary>
    public const int BadInput = 3;
}
