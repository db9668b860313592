namespace HeeBot.BotFramework.Authentication;

/// <summary>Whether an inbound request may run a turn and, if not, why (for the log, never for the caller).</summary>
public sealed record AuthenticationResult(bool Succeeded, string? Failure, string? CallerId)
{
    public static AuthenticationResult Anonymous { get; } = new(true, null, null);

    public static AuthenticationResult Fail(string reason) => new(false, reason, null);
}
