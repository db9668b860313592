using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.RateLimiting;

/// <summary>
/// Request limits per minute, from the <c>RateLimits</c> configuration section; 0 for no limit. Keyed on what
/// identifies a user where there is something (a Direct Line conversation or token), on the client address only as
/// a generous ceiling: behind a proxy or an NHS site's NAT many people share one address.
/// </summary>
public sealed class RateLimitOptions
{
    public const string SectionName = "RateLimits";

    /// <summary>
    /// <c>/api/messages</c> per client address in local mode (no app id). With an app id every request comes from the
    /// channel's servers and carries a token, so it is not limited.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MessagesPerMinute { get; set; } = 600;

    /// <summary>
    /// Posts to one Direct Line conversation, and token and conversation requests with one token. Reading a
    /// conversation (polling, the stream) is never limited per conversation: Web Chat cannot recover from a 429 there.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int DirectLinePerConversationPerMinute { get; set; } = 120;

    /// <summary>The page's token endpoint (one call per new chat) per client address.</summary>
    [Range(0, int.MaxValue)]
    public int ChatTokensPerAddressPerMinute { get; set; } = 3_000;

    /// <summary><c>/api/search</c> per client address.</summary>
    [Range(0, int.MaxValue)]
    public int SearchPerMinute { get; set; } = 600;

    /// <summary>
    /// Every request from one client address, against floods only: far above what a site full of people behind one
    /// address makes (150 chats polling once a second are 9,000 a minute).
    /// </summary>
    [Range(0, int.MaxValue)]
    public int PerAddressPerMinute { get; set; } = 60_000;
}
